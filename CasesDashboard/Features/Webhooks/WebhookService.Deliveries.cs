using CasesDashboard.Data;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Webhooks;

/// <summary>A subscription's deliveries with every attempt; replay (a new delivery of the same event document) and a test event.</summary>
public sealed partial class WebhookService
{
    public const int MaxPageSize = 100;

    /// <summary>A subscription's deliveries, newest first, each with its attempts; <paramref name="after"/> is a delivery id to page on from.</summary>
    public async Task<DeliveryPage> DeliveriesAsync(string id, int size, string? after, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        if (size is < 1 or > MaxPageSize) throw new MalformedInputException("?page[size]", $"The page size is 1 to {MaxPageSize} (got {size}).");
        await using var db = await store.ReadAsync(ct);
        var s = await FindAsync(db, id, ct);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == s.Id);
        if (after is not null)
        {
            var from = await db.WebhookDeliveries.Where(d => d.PublicId == after && d.SubscriptionId == s.Id).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct)
                ?? throw new MalformedInputException("?page[after]", $"'{after}' is not a delivery of this webhook to page from.");
            query = query.Where(d => d.Id < from);
        }
        var rows = await query.OrderByDescending(d => d.Id).Take(size + 1).Select(d => new WebhookDelivery
        {
            Id = d.Id, PublicId = d.PublicId, SubscriptionId = d.SubscriptionId, CasePublicId = d.CasePublicId, EventId = d.EventId,
            EventName = d.EventName, State = d.State, AttemptsMade = d.AttemptsMade, MaxAttempts = d.MaxAttempts, CreatedAt = d.CreatedAt,
            NextAttemptAt = d.NextAttemptAt, FirstAttemptedAt = d.FirstAttemptedAt, LastAttemptedAt = d.LastAttemptedAt,
            LastStatusCode = d.LastStatusCode, LastDurationMs = d.LastDurationMs, CompletedAt = d.CompletedAt, ReplayOf = d.ReplayOf, IsTest = d.IsTest,
        }).ToListAsync(ct);
        var more = rows.Count > size;
        if (more) rows.RemoveAt(rows.Count - 1);
        var attempts = await AttemptsAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return new DeliveryPage(rows.Select(d => Info(d, s.PublicId, attempts[d.Id])).ToList(), more ? rows[^1].PublicId : null);
    }

    public async Task<DeliveryDetail> DeliveryAsync(string deliveryId, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await store.ReadAsync(ct);
        var d = await FindDeliveryAsync(db, deliveryId, ct);
        var webhook = await db.WebhookSubscriptions.Where(s => s.Id == d.SubscriptionId).Select(s => s.PublicId).SingleAsync(ct);
        return new DeliveryDetail(Info(d, webhook, (await AttemptsAsync(db, [d.Id], ct))[d.Id]), d.Body);
    }

    /// <summary>Queues the same event document (same bytes, same event id) again as a new delivery, behind the case's pending ones.</summary>
    public async Task<DeliveryInfo> ReplayAsync(string deliveryId, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var copy = await store.WriteAsync(async db =>
        {
            var original = await FindDeliveryAsync(db, deliveryId, ct);
            var s = await db.WebhookSubscriptions.SingleAsync(x => x.Id == original.SubscriptionId, ct);
            var now = Now;
            var replay = new WebhookDelivery
            {
                PublicId = PublicIds.New("whd_"), SubscriptionId = s.Id, CaseId = original.CaseId, CasePublicId = original.CasePublicId,
                EventId = original.EventId, EventName = original.EventName, Body = original.Body, IsTest = original.IsTest,
                MaxAttempts = original.IsTest ? 1 : options.CurrentValue.MaxAttempts, CreatedAt = now,
                NextAttemptAt = s.Enabled || original.IsTest ? now : null, ReplayOf = original.PublicId,
            };
            db.WebhookDeliveries.Add(replay);
            db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.Replayed, s, "delivery", original.PublicId, replay.PublicId, original.EventName));
            return (replay, s.PublicId);
        }, ct);
        wake.Notify();
        return Info(copy.replay, copy.PublicId, []);
    }

    /// <summary>Queues a <c>webhook.test</c> event to the subscription: one attempt, sent even while it is disabled, counted for nothing.</summary>
    public async Task<DeliveryInfo> SendTestAsync(string id, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var test = await store.WriteAsync(async db =>
        {
            var s = await FindAsync(db, id, ct);
            var now = Now;
            var eventId = PublicIds.New("evt_");
            var delivery = new WebhookDelivery
            {
                PublicId = PublicIds.New("whd_"), SubscriptionId = s.Id, EventId = eventId, EventName = WebhookEvents.Test,
                Body = WebhookEventDocument.Build(eventId, WebhookEvents.Test, ApiDocuments.Ref("webhook", s.PublicId), now),
                IsTest = true, MaxAttempts = 1, CreatedAt = now, NextAttemptAt = now,
            };
            db.WebhookDeliveries.Add(delivery);
            db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.TestSent, s, "delivery", newValue: delivery.PublicId));
            return delivery;
        }, ct);
        wake.Notify();
        return Info(test, id, []);
    }

    private static async Task<WebhookDelivery> FindDeliveryAsync(CasesDbContext db, string id, CancellationToken ct) =>
        await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.PublicId == id, ct) ?? throw new NotFoundException("Webhook delivery", id);

    private static async Task<ILookup<long, AttemptInfo>> AttemptsAsync(CasesDbContext db, List<long> deliveryIds, CancellationToken ct) =>
        (await db.WebhookAttempts.AsNoTracking().Where(a => deliveryIds.Contains(a.DeliveryId)).OrderBy(a => a.Number).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId, a => new AttemptInfo(a.Number, a.At, a.DurationMs, a.StatusCode, a.Response, a.Error));

    private static DeliveryInfo Info(WebhookDelivery d, string webhookId, IEnumerable<AttemptInfo> attempts) =>
        new(d.PublicId, webhookId, d.EventId, d.EventName, d.CasePublicId, DeliveryInfo.StatusOf(d.State, d.AttemptsMade, d.NextAttemptAt),
            d.AttemptsMade, d.MaxAttempts, d.CreatedAt, d.NextAttemptAt, d.FirstAttemptedAt, d.LastAttemptedAt, d.LastStatusCode,
            d.LastDurationMs, d.CompletedAt, d.ReplayOf, d.IsTest, attempts.ToList());
}
