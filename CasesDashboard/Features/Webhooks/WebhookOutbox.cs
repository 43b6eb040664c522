using System.Text.Json.Nodes;
using CasesDashboard.Data;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// The webhook outbox is the event log (ADR 007, 009): this consumer turns each batch of audit events into delivery rows — one per
/// case change, Persona event name and enabled subscription that wants it and was made before the change (in log order; its own
/// <c>webhook.created</c> row marks the point) — written in the same transaction that advances its
/// cursor, so a change is queued exactly once and never lost. Each event document holds the case as the API shows it when the
/// row is made. The case reads happen before the transaction, so the store's one writer (SQLite) is not held meanwhile.
/// </summary>
public sealed class WebhookOutbox(EventLog log, CasesStore store, EventLogSignal signal, ILogger<WebhookOutbox> logger, Leases leases,
    CaseFeed feed, ObjectService objects, WebhookSignal wake, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
    : EventLogConsumer(ConsumerName, log, store, signal, logger, leases)
{
    public const string ConsumerName = "webhooks";

    protected override int BatchSize => options.CurrentValue.BatchSize;

    protected override async Task HandleAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct) => await (await PrepareAsync(batch, ct))(ct);

    protected override async Task<Func<CancellationToken, Task>> PrepareAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct)
    {
        var deliveries = await DeliveriesAsync(batch, ct);
        return c => QueueAsync(deliveries, c);
    }

    private async Task<List<WebhookDelivery>> DeliveriesAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct)
    {
        var changes = WebhookEvents.Changes(batch);
        if (changes.Count == 0) return [];
        List<WebhookSubscription> subscriptions;
        await using (var db = await Store.ReadAsync(ct))
            subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(ct);
        bool Receives(WebhookSubscription s, CaseChangeEvents c, string name) => s.Wants(name) && s.Follows(c.Tx, c.Position);
        var wanted = changes.Where(c => subscriptions.Any(s => c.Names.Any(n => Receives(s, c, n)))).ToList();
        if (wanted.Count == 0) return [];

        var cases = (await feed.ByIdsAsync(wanted.Select(c => c.CaseId).Distinct().ToList(), ct)).ToDictionary(r => r.Case.Id);
        var linked = (await objects.FindManyAsync(cases.Values.SelectMany(r => r.ObjectIds), ct)).ToDictionary(o => o.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var maxAttempts = options.CurrentValue.MaxAttempts;
        var deliveries = new List<WebhookDelivery>();
        foreach (var change in wanted)
        {
            if (!cases.TryGetValue(change.CaseId, out var record)) continue;
            var document = ApiDocuments.Case(record, linked, null);
            foreach (var name in change.Names)
            {
                var receivers = subscriptions.Where(s => Receives(s, change, name)).ToList();
                if (receivers.Count == 0) continue;
                var eventId = PublicIds.New("evt_");
                var body = WebhookEventDocument.Build(eventId, name, document.DeepClone(), change.At);
                deliveries.AddRange(receivers.Select(s => new WebhookDelivery
                {
                    PublicId = PublicIds.New("whd_"), SubscriptionId = s.Id, CaseId = change.CaseId, CasePublicId = record.Case.PublicId,
                    EventId = eventId, EventName = name, Body = body, MaxAttempts = maxAttempts, CreatedAt = now, NextAttemptAt = now,
                }));
            }
        }
        return deliveries;
    }

    /// <summary>Inside the batch's transaction: the deliveries of subscriptions still enabled now.</summary>
    private async Task QueueAsync(IReadOnlyList<WebhookDelivery> deliveries, CancellationToken ct)
    {
        if (deliveries.Count == 0) return;
        await Store.WriteAsync(async db =>
        {
            var ids = deliveries.Select(d => d.SubscriptionId).Distinct().ToList();
            var enabled = await db.WebhookSubscriptions.Where(s => ids.Contains(s.Id) && s.Enabled).Select(s => s.Id).ToListAsync(ct);
            db.WebhookDeliveries.AddRange(deliveries.Where(d => enabled.Contains(d.SubscriptionId)));
            return 0;
        }, ct);
        await Store.AfterCommitAsync(() =>
        {
            wake.Notify();
            return Task.CompletedTask;
        });
    }
}
