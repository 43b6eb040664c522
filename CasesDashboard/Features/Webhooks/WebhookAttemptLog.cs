using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// Records an attempt and decides what follows, in one transaction: delivered; or another attempt after the backoff; or, after the
/// last attempt, given up. A subscription whose attempts keep failing (<c>FailuresBeforeDisable</c> in a row) or that gives up a
/// delivery disables itself, with the reason, audited as done by the system. Test events count for neither.
/// </summary>
public sealed class WebhookAttemptLog(CasesStore store, IOptionsMonitor<WebhookOptions> options)
{
    public static readonly Actor System = Actor.System("webhooks");

    /// <summary>Records finished attempts (in the order given) in one transaction.</summary>
    public Task RecordAsync(IReadOnlyList<(DueDelivery Due, AttemptResult Result)> attempts, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var ids = attempts.Select(a => a.Due.Id).ToList();
            var deliveries = await db.WebhookDeliveries.Where(d => ids.Contains(d.Id) && d.State == DeliveryState.Pending).ToDictionaryAsync(d => d.Id, ct);
            var owners = deliveries.Values.Select(d => d.SubscriptionId).Distinct().ToList();
            var subscriptions = await db.WebhookSubscriptions.Where(s => owners.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
            foreach (var (due, result) in attempts)
                if (deliveries.TryGetValue(due.Id, out var d))   // else deleted with its subscription meanwhile
                    await RecordAsync(db, d, subscriptions.GetValueOrDefault(d.SubscriptionId), result, ct);
            return 0;
        }, ct);

    private async Task RecordAsync(CasesDbContext db, WebhookDelivery d, WebhookSubscription? s, AttemptResult result, CancellationToken ct)
    {
        var number = d.AttemptsMade + 1;
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = d.Id, Number = number, At = result.At, DurationMs = result.DurationMs, StatusCode = result.StatusCode,
            Response = result.Response, Error = result.Error,
        });
        d.AttemptsMade = number;
        d.FirstAttemptedAt ??= result.At;
        (d.LastAttemptedAt, d.LastStatusCode, d.LastDurationMs) = (result.At, result.StatusCode, result.DurationMs);
        if (result.Succeeded || number >= d.MaxAttempts)
            (d.State, d.CompletedAt, d.NextAttemptAt) = (result.Succeeded ? DeliveryState.Delivered : DeliveryState.Failed, result.At, null);
        else d.NextAttemptAt = result.At + WebhookBackoff.Delay(number, options.CurrentValue, Random.Shared.NextDouble());
        if (s is null || d.IsTest) return;

        if (result.Succeeded)
        {
            if (s.ConsecutiveFailures != 0) s.ConsecutiveFailures = 0;
            return;
        }
        s.ConsecutiveFailures++;
        var reason = d.State == DeliveryState.Failed
            ? $"Delivery {d.PublicId} ({d.EventName}) was given up after {number} attempts; the last got {result.Summary}."
            : s.ConsecutiveFailures >= options.CurrentValue.FailuresBeforeDisable
                ? $"{s.ConsecutiveFailures} delivery attempts in a row failed; the last got {result.Summary}."
                : null;
        if (reason is not null && s.Enabled) await WebhookStates.DisableAsync(db, s, reason, System, result.At, ct);
    }
}
