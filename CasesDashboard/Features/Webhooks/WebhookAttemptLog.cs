using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;
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

    public Task RecordAsync(DueDelivery due, AttemptResult result, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var d = await db.WebhookDeliveries.FindAsync([due.Id], ct);
            if (d is null || d.State != DeliveryState.Pending) return 0;   // deleted with its subscription meanwhile
            var s = await db.WebhookSubscriptions.FindAsync([d.SubscriptionId], ct);
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
            {
                (d.State, d.CompletedAt, d.NextAttemptAt) = (result.Succeeded ? DeliveryState.Delivered : DeliveryState.Failed, result.At, null);
            }
            else d.NextAttemptAt = result.At + WebhookBackoff.Delay(number, options.CurrentValue, Random.Shared.NextDouble());
            if (s is null || d.IsTest) return 0;

            if (result.Succeeded)
            {
                if (s.ConsecutiveFailures != 0) s.ConsecutiveFailures = 0;
                return 0;
            }
            s.ConsecutiveFailures++;
            var reason = d.State == DeliveryState.Failed
                ? $"Delivery {d.PublicId} ({d.EventName}) was given up after {number} attempts; the last got {result.Summary}."
                : s.ConsecutiveFailures >= options.CurrentValue.FailuresBeforeDisable
                    ? $"{s.ConsecutiveFailures} delivery attempts in a row failed; the last got {result.Summary}."
                    : null;
            if (reason is not null && s.Enabled) await WebhookStates.DisableAsync(db, s, reason, System, result.At, ct);
            return 0;
        }, ct);
}
