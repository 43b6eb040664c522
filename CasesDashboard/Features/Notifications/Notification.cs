namespace CasesDashboard.Features.Notifications;

public enum NotificationKind { Assigned, SlaAtRisk, SlaBreached, Mentioned }

/// <summary>
/// One item in a user's inbox, made from one audit event (<see cref="EventId"/>): unique per user, event and kind, so handling
/// an event twice cannot notify twice.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public long EventId { get; set; }
    public NotificationKind Kind { get; set; }
    public string CasePublicId { get; set; } = "";
    public string CaseName { get; set; } = "";
    /// <summary>What happened, as plain text (rendered as text).</summary>
    public string Text { get; set; } = "";
    public DateTime At { get; set; }
    public DateTime? ReadAt { get; set; }
}
