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
/// case change, Persona event name and enabled subscription that wants it and existed before the change (in log order: its own
/// <c>webhook.created</c> row marks the point) — written in the transaction that advances its cursor, so a change is queued exactly
/// once and never lost. Each event document holds the case as the API shows it when the row is made. The case reads happen before
/// the transaction, so the store's one writer (SQLite) is not held meanwhile. When a case is redacted, its earlier deliveries
/// (queued or kept) are rewritten to carry the redacted case.
/// </summary>
public sealed class WebhookOutbox(EventLog log, CasesStore store, EventLogSignal signal, ILogger<WebhookOutbox> logger, Leases leases,
    CaseFeed feed, ObjectService objects, WebhookSignal wake, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
    : EventLogConsumer(ConsumerName, log, store, signal, logger, leases)
{
    public const string ConsumerName = "webhooks";

    protected override int BatchSize => options.CurrentValue.BatchSize;
    /// <summary>Each batch reads its cases and subscriptions once: under a stream of changes, a few tens of them share one batch.</summary>
    protected override TimeSpan Gather => TimeSpan.FromMilliseconds(50);

    protected override async Task HandleAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct) => await (await PrepareAsync(batch, ct))(ct);

    protected override async Task<Func<CancellationToken, Task>> PrepareAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct)
    {
        var (deliveries, redacted) = await PrepareBatchAsync(batch, ct);
        return c => QueueAsync(deliveries, redacted, c);
    }

    /// <summary>The deliveries the batch makes, and the redacted cases' documents (their earlier deliveries are rewritten with them).</summary>
    private async Task<(List<WebhookDelivery> Deliveries, Dictionary<long, JsonObject> Redacted)> PrepareBatchAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct)
    {
        var changes = WebhookEvents.Changes(batch);
        if (changes.Count == 0) return ([], []);
        List<WebhookSubscription> subscriptions;
        await using (var db = await Store.ReadAsync(ct))
            subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(ct);
        bool Receives(WebhookSubscription s, CaseChangeEvents c, string name) => s.Wants(name) && s.Follows(c.Tx, c.Position);
        var wanted = changes.Where(c => subscriptions.Any(s => c.Names.Any(n => Receives(s, c, n)))).ToList();
        var redactions = changes.Where(c => c.Names.Contains(WebhookEvents.CaseRedacted)).Select(c => c.CaseId).ToHashSet();
        if (wanted.Count == 0 && redactions.Count == 0) return ([], []);

        var ids = wanted.Select(c => c.CaseId).Concat(redactions).Distinct().ToList();
        var cases = (await feed.ByIdsAsync(ids, ct)).ToDictionary(r => r.Case.Id);
        var linked = (await objects.FindManyAsync(cases.Values.SelectMany(r => r.ObjectIds), ct)).ToDictionary(o => o.Id);
        var documents = cases.ToDictionary(c => c.Key, c => ApiDocuments.Case(c.Value, linked, null));
        var now = clock.GetUtcNow().UtcDateTime;
        var maxAttempts = options.CurrentValue.MaxAttempts;
        var deliveries = new List<WebhookDelivery>();
        foreach (var change in wanted)
        {
            if (!cases.TryGetValue(change.CaseId, out var record)) continue;
            foreach (var name in change.Names)
            {
                var receivers = subscriptions.Where(s => Receives(s, change, name)).ToList();
                if (receivers.Count == 0) continue;
                var eventId = PublicIds.New("evt_");
                var body = WebhookEventDocument.Build(eventId, name, documents[change.CaseId].DeepClone(), change.At);
                deliveries.AddRange(receivers.Select(s => new WebhookDelivery
                {
                    PublicId = PublicIds.New("whd_"), SubscriptionId = s.Id, CaseId = change.CaseId, CasePublicId = record.Case.PublicId,
                    EventId = eventId, EventName = name, Body = body, MaxAttempts = maxAttempts, CreatedAt = now, NextAttemptAt = now,
                }));
            }
        }
        return (deliveries, redactions.Where(documents.ContainsKey).ToDictionary(id => id, id => documents[id]));
    }

    /// <summary>
    /// Inside the batch's transaction: every earlier delivery of a redacted case now carries the redacted case (the store keeps no
    /// personal data of it in a queued or kept body, ADR 008), then the deliveries of subscriptions still enabled now are added.
    /// </summary>
    private async Task QueueAsync(IReadOnlyList<WebhookDelivery> deliveries, Dictionary<long, JsonObject> redacted, CancellationToken ct)
    {
        if (deliveries.Count == 0 && redacted.Count == 0) return;
        await Store.WriteAsync(async db =>
        {
            // By subscription and case, the index the dispatcher's head-of-line check uses.
            var all = redacted.Count == 0 ? [] : await db.WebhookSubscriptions.Select(s => s.Id).ToListAsync(ct);
            foreach (var (caseId, document) in redacted)
                foreach (var earlier in await db.WebhookDeliveries.Where(d => all.Contains(d.SubscriptionId) && d.CaseId == caseId).ToListAsync(ct))
                    earlier.Body = WebhookEventDocument.WithPayload(earlier.Body, document);
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
