namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// A URL that receives case events. The signing secret is stored protected by ASP.NET Data Protection, never in plain text;
/// while a rotation's grace period runs the previous secret signs too. A subscription that keeps failing disables itself with
/// the reason; only an admin enables it again.
/// </summary>
public sealed class WebhookSubscription
{
    public int Id { get; set; }
    /// <summary><c>wbh_</c> + 24 base58 characters: the id in the API, the admin pages and the audit subject.</summary>
    public string PublicId { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>The subscribed event names, comma-separated (see <see cref="WebhookEvents.All"/>).</summary>
    public string Events { get; set; } = "";
    public string ProtectedSecret { get; set; } = "";
    public string? ProtectedPreviousSecret { get; set; }
    /// <summary>Until when the previous secret still signs deliveries (both signatures are sent).</summary>
    public DateTime? PreviousSecretUntil { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTime? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    /// <summary>Delivery attempts that failed in a row (a success resets it); at <c>Webhooks:FailuresBeforeDisable</c> the subscription disables itself.</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    /// <summary>
    /// Where in the event log the subscription starts: its own <c>webhook.created</c> audit row (id, and on PostgreSQL its transaction).
    /// It receives the changes after that point, not those the outbox had not reached yet when it was made.
    /// </summary>
    public long StartPosition { get; set; }
    public long StartTx { get; set; }

    public IReadOnlyList<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventName) => EventList.Contains(eventName);

    /// <summary>Whether a change at this point of the log (its first audit row) comes after the subscription was made.</summary>
    public bool Follows(long tx, long position) => tx > StartTx || tx == StartTx && position > StartPosition;
}

public enum DeliveryState { Pending, Delivered, Failed }

/// <summary>
/// One event document to send to one subscription: the outbox row. Its body is built once, when the row is created, so every
/// attempt and every replay sends the same bytes. Pending deliveries of one subscription and case go out in id order, one at a
/// time; the retry schedule (<see cref="NextAttemptAt"/>) is kept here, so it survives restarts.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    /// <summary><c>whd_</c> + 24 base58 characters.</summary>
    public string PublicId { get; set; } = "";
    public int SubscriptionId { get; set; }
    /// <summary>The case's row id: deliveries of one subscription and case are sent in order. None for a test event.</summary>
    public long? CaseId { get; set; }
    public string? CasePublicId { get; set; }
    public string EventId { get; set; } = "";
    public string EventName { get; set; } = "";
    /// <summary>The exact JSON sent (UTF-8), signed at each attempt.</summary>
    public string Body { get; set; } = "";
    public DeliveryState State { get; set; }
    public int AttemptsMade { get; set; }
    public int MaxAttempts { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the next attempt is due; null once delivered or given up.</summary>
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? FirstAttemptedAt { get; set; }
    public DateTime? LastAttemptedAt { get; set; }
    public int? LastStatusCode { get; set; }
    public int? LastDurationMs { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>The delivery this one replays (same event document), if any.</summary>
    public string? ReplayOf { get; set; }
    /// <summary>A test event sent from the admin page: one attempt, and it does not count towards disabling.</summary>
    public bool IsTest { get; set; }
    public List<WebhookAttempt> Attempts { get; set; } = [];
}

/// <summary>One HTTP attempt of a delivery: when, how long, the receiver's status and the start of its answer, or the error.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTime At { get; set; }
    public int DurationMs { get; set; }
    public int? StatusCode { get; set; }
    /// <summary>The first 2 KB of the receiver's answer.</summary>
    public string? Response { get; set; }
    public string? Error { get; set; }
}
