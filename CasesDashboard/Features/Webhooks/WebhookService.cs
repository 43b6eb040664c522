using CasesDashboard.Data;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// Webhook subscriptions, for admins (the admin page and <c>/api/v1/webhooks</c>): list, create (the secret shown once), change the
/// URL or events, enable and disable, rotate the secret, delete; each change audited under <c>webhook:&lt;id&gt;</c>. Their deliveries
/// with every attempt; replay (a new delivery of the same event document) and a test event.
/// </summary>
public sealed class WebhookService(CasesStore store, WebhookSecrets secrets, WebhookSignal wake, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<IReadOnlyList<WebhookInfo>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await store.ReadAsync(ct);
        var list = new List<WebhookInfo>();
        foreach (var s in await db.WebhookSubscriptions.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(ct))
            list.Add(await InfoAsync(db, s, ct));
        return list;
    }

    public async Task<WebhookInfo> GetAsync(string id, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await store.ReadAsync(ct);
        return await InfoAsync(db, await FindAsync(db, id, ct), ct);
    }

    public async Task<WebhookWithSecret> CreateAsync(string? url, IReadOnlyList<string>? events, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var chosen = Check(url, events, required: true);
        var secret = WebhookSecrets.New();
        var now = Now;
        var s = new WebhookSubscription
        {
            PublicId = PublicIds.New("wbh_"), Url = url!.Trim(), Events = string.Join(',', chosen!), ProtectedSecret = secrets.Protect(secret),
            CreatedAt = now, CreatedBy = actor.Name, UpdatedAt = now,
        };
        await store.WriteAsync(async db =>
        {
            db.WebhookSubscriptions.Add(s);
            var created = db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.Created, s, "url", newValue: s.Url, detail: s.Events)).Entity;
            await db.SaveChangesAsync(ct);
            (s.StartPosition, s.StartTx) = (created.Id, created.TxId ?? 0);
            return 0;
        }, ct);
        return new WebhookWithSecret(await GetAsync(s.PublicId, actor, ct), secret);
    }

    public async Task<WebhookInfo> UpdateAsync(string id, WebhookChange change, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var events = Check(change.Url, change.Events, required: false);
        await store.WriteAsync(async db =>
        {
            var s = await FindAsync(db, id, ct);
            var now = Now;
            if (change.Url?.Trim() is { } url && url != s.Url)
            {
                db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.Updated, s, "url", s.Url, url));
                (s.Url, s.UpdatedAt) = (url, now);
            }
            if (events is not null && string.Join(',', events) is var list && list != s.Events)
            {
                db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.Updated, s, "events", s.Events, list));
                (s.Events, s.UpdatedAt) = (list, now);
            }
            if (change.Enabled == true && !s.Enabled) await WebhookStates.EnableAsync(db, s, actor, now, ct);
            if (change.Enabled == false && s.Enabled) await WebhookStates.DisableAsync(db, s, $"Disabled by {actor.Name}.", actor, now, ct);
            return 0;
        }, ct);
        if (change.Enabled == true) wake.Notify();
        return await GetAsync(id, actor, ct);
    }

    /// <summary>A new secret; the previous one keeps signing (a second signature) for <see cref="WebhookSecrets.RotationGrace"/>.</summary>
    public async Task<WebhookWithSecret> RotateSecretAsync(string id, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var secret = WebhookSecrets.New();
        await store.WriteAsync(async db =>
        {
            var s = await FindAsync(db, id, ct);
            var now = Now;
            (s.ProtectedPreviousSecret, s.PreviousSecretUntil) = (s.ProtectedSecret, now + WebhookSecrets.RotationGrace);
            (s.ProtectedSecret, s.UpdatedAt) = (secrets.Protect(secret), now);
            db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.SecretRotated, s,
                detail: $"the previous secret also signs until {s.PreviousSecretUntil:yyyy-MM-dd HH:mm} UTC"));
            return 0;
        }, ct);
        return new WebhookWithSecret(await GetAsync(id, actor, ct), secret);
    }

    /// <summary>Deletes the subscription with its deliveries; returns it as it was.</summary>
    public async Task<WebhookInfo> DeleteAsync(string id, Actor actor, CancellationToken ct = default)
    {
        var info = await GetAsync(id, actor, ct);
        await store.WriteAsync(async db =>
        {
            var s = await FindAsync(db, id, ct);
            db.WebhookSubscriptions.Remove(s);
            db.AuditEvents.Add(WebhookAudit.Of(actor, Now, WebhookAudit.Deleted, s, "url", s.Url, detail: s.Events));
            return 0;
        }, ct);
        return info;
    }

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

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins can manage webhooks.");
    }

    /// <summary>The URL and events checked (events in the order of <see cref="WebhookEvents.All"/>); null events when not given and not required.</summary>
    private IReadOnlyList<string>? Check(string? url, IReadOnlyList<string>? events, bool required)
    {
        var problems = new List<Problem>();
        if ((required || url is not null) && WebhookUrls.Problem(url, options.CurrentValue.AllowPrivateNetworks) is { } urlProblem)
            problems.Add(new("url", urlProblem));
        if (events is null && !required) return problems.Count > 0 ? throw new ValidationException(problems) : null;
        events ??= [];
        for (var i = 0; i < events.Count; i++)
            if (!WebhookEvents.All.Contains(events[i]))
                problems.Add(new($"enabled_events[{i}]", $"'{events[i]}' is not an event a webhook can receive; use {string.Join(", ", WebhookEvents.All)}."));
        if (events.Count == 0) problems.Add(new("enabled_events", $"Choose at least one event: {string.Join(", ", WebhookEvents.All)}."));
        if (problems.Count > 0) throw new ValidationException(problems);
        return WebhookEvents.All.Where(events.Contains).ToList();
    }

    private static async Task<WebhookSubscription> FindAsync(CasesDbContext db, string id, CancellationToken ct) =>
        await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.PublicId == id, ct) ?? throw new NotFoundException("Webhook", id);

    private static async Task<WebhookDelivery> FindDeliveryAsync(CasesDbContext db, string id, CancellationToken ct) =>
        await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.PublicId == id, ct) ?? throw new NotFoundException("Webhook delivery", id);

    private async Task<WebhookInfo> InfoAsync(CasesDbContext db, WebhookSubscription s, CancellationToken ct)
    {
        var last = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == s.Id && d.LastAttemptedAt != null)
            .OrderByDescending(d => d.LastAttemptedAt).Select(d => new { d.LastAttemptedAt, d.LastStatusCode }).FirstOrDefaultAsync(ct);
        return new WebhookInfo(s.PublicId, s.Url, s.EventList, s.Enabled, s.DisabledAt, s.DisabledReason, s.ConsecutiveFailures, s.CreatedAt,
            s.CreatedBy, s.UpdatedAt, s.PreviousSecretUntil > Now ? s.PreviousSecretUntil : null, last?.LastAttemptedAt, last?.LastStatusCode);
    }

    private static async Task<ILookup<long, AttemptInfo>> AttemptsAsync(CasesDbContext db, List<long> deliveryIds, CancellationToken ct) =>
        (await db.WebhookAttempts.AsNoTracking().Where(a => deliveryIds.Contains(a.DeliveryId)).OrderBy(a => a.Number).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId, a => new AttemptInfo(a.Number, a.At, a.DurationMs, a.StatusCode, a.Response, a.Error));

    private static DeliveryInfo Info(WebhookDelivery d, string webhookId, IEnumerable<AttemptInfo> attempts) =>
        new(d.PublicId, webhookId, d.EventId, d.EventName, d.CasePublicId, DeliveryInfo.StatusOf(d.State, d.AttemptsMade, d.NextAttemptAt),
            d.AttemptsMade, d.MaxAttempts, d.CreatedAt, d.NextAttemptAt, d.FirstAttemptedAt, d.LastAttemptedAt, d.LastStatusCode,
            d.LastDurationMs, d.CompletedAt, d.ReplayOf, d.IsTest, attempts.ToList());
}
