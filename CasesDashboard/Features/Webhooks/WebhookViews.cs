namespace CasesDashboard.Features.Webhooks;

/// <summary>A subscription as admins see it (never its secret), with its last attempt.</summary>
public sealed record WebhookInfo(string Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTime? DisabledAt, string? DisabledReason,
    int ConsecutiveFailures, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, DateTime? RotationEndsAt,
    DateTime? LastAttemptAt, int? LastStatusCode);

/// <summary>A subscription and its new secret, shown this once (on creation and on rotation).</summary>
public sealed record WebhookWithSecret(WebhookInfo Webhook, string Secret);

/// <summary>What an admin changes; null members stay as they are.</summary>
public sealed record WebhookChange(string? Url = null, IReadOnlyList<string>? Events = null, bool? Enabled = null);

public sealed record AttemptInfo(int Number, DateTime At, int DurationMs, int? StatusCode, string? Response, string? Error);

public sealed record DeliveryInfo(string Id, string WebhookId, string EventId, string EventName, string? CaseId, string Status, int AttemptsMade,
    int MaxAttempts, DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? FirstAttemptedAt, DateTime? LastAttemptedAt, int? LastStatusCode,
    int? LastDurationMs, DateTime? CompletedAt, string? ReplayOf, bool IsTest, IReadOnlyList<AttemptInfo> Attempts)
{
    /// <summary>pending (not tried yet), retrying (waits for its next attempt), held (its subscription is disabled), delivered, failed (given up).</summary>
    public static string StatusOf(DeliveryState state, int attemptsMade, DateTime? nextAttemptAt) => state switch
    {
        DeliveryState.Delivered => "delivered",
        DeliveryState.Failed => "failed",
        _ when nextAttemptAt is null => "held",
        _ => attemptsMade == 0 ? "pending" : "retrying",
    };
}

/// <summary>A page of deliveries, newest first; <see cref="Next"/> is the cursor of the older ones.</summary>
public sealed record DeliveryPage(IReadOnlyList<DeliveryInfo> Deliveries, string? Next);

/// <summary>A delivery with the exact body it sends.</summary>
public sealed record DeliveryDetail(DeliveryInfo Delivery, string Body);
