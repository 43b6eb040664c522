using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Webhooks;

/// <summary>Audit events of webhook subscriptions; their subject is <c>webhook:&lt;id&gt;</c>.</summary>
public static class WebhookAudit
{
    public const string Created = "webhook.created";
    public const string Updated = "webhook.updated";
    public const string Enabled = "webhook.enabled";
    public const string Disabled = "webhook.disabled";
    public const string SecretRotated = "webhook.secret-rotated";
    public const string Deleted = "webhook.deleted";
    public const string Replayed = "webhook.delivery-replayed";
    public const string TestSent = "webhook.test-sent";

    public static string Subject(string webhookId) => $"webhook:{webhookId}";

    public static AuditEvent Of(Actor actor, DateTime at, string type, WebhookSubscription s, string? field = null, string? oldValue = null,
        string? newValue = null, string? detail = null) =>
        AuditEvent.By(actor, at, type, subject: Subject(s.PublicId), field: field, oldValue: oldValue, newValue: newValue, detail: detail);
}
