using CasesDashboard.Data;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// Enabling and disabling a subscription, by an admin or (disabling) by the dispatcher, inside the caller's write. A disabled
/// subscription's pending deliveries are held (no next attempt time) and stay queued in order; enabling makes them due at once.
/// </summary>
internal static class WebhookStates
{
    public static async Task DisableAsync(CasesDbContext db, WebhookSubscription s, string reason, Actor actor, DateTime now, CancellationToken ct)
    {
        (s.Enabled, s.DisabledAt, s.DisabledReason, s.UpdatedAt) = (false, now, reason, now);
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == s.Id && d.State == DeliveryState.Pending && !d.IsTest)
            .ExecuteUpdateAsync(x => x.SetProperty(d => d.NextAttemptAt, (DateTime?)null), ct);
        foreach (var tracked in db.ChangeTracker.Entries<WebhookDelivery>().Select(e => e.Entity)
                     .Where(d => d.SubscriptionId == s.Id && d.State == DeliveryState.Pending && !d.IsTest))
            tracked.NextAttemptAt = null;
        db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.Disabled, s, "enabled", "true", "false", reason));
    }

    public static async Task EnableAsync(CasesDbContext db, WebhookSubscription s, Actor actor, DateTime now, CancellationToken ct)
    {
        var reason = s.DisabledReason;
        (s.Enabled, s.DisabledAt, s.DisabledReason, s.ConsecutiveFailures, s.UpdatedAt) = (true, null, null, 0, now);
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == s.Id && d.State == DeliveryState.Pending && d.NextAttemptAt == null)
            .ExecuteUpdateAsync(x => x.SetProperty(d => d.NextAttemptAt, now), ct);
        db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.Enabled, s, "enabled", "false", "true", reason is null ? null : $"was: {reason}"));
    }
}
