using System.Text.Json.Nodes;
using CasesDashboard.Features.Api;

namespace CasesDashboard.Features.Webhooks;

/// <summary>Webhooks and their deliveries as API resources (<c>webhook</c>, <c>webhook-delivery</c>), in the shapes of <see cref="ApiDocuments"/>.</summary>
public static class WebhookDocuments
{
    /// <summary>A webhook; <paramref name="secret"/> only in the answer that made it (create, rotate-secret).</summary>
    public static JsonObject Webhook(WebhookInfo w, string? secret = null)
    {
        var attributes = new JsonObject
        {
            ["url"] = w.Url, ["enabled-events"] = Strings(w.Events), ["status"] = w.Enabled ? "enabled" : "disabled",
            ["disabled-at"] = Time(w.DisabledAt), ["disabled-reason"] = w.DisabledReason, ["consecutive-failures"] = w.ConsecutiveFailures,
            ["created-at"] = Time(w.CreatedAt), ["created-by"] = w.CreatedBy, ["updated-at"] = Time(w.UpdatedAt),
            ["last-attempted-at"] = Time(w.LastAttemptAt), ["last-status-code"] = w.LastStatusCode,
            ["secret-rotation-ends-at"] = Time(w.RotationEndsAt),
        };
        if (secret is not null) attributes["secret"] = secret;
        return new JsonObject { ["type"] = "webhook", ["id"] = w.Id, ["attributes"] = attributes };
    }

    public static JsonObject Delivery(DeliveryInfo d) => new()
    {
        ["type"] = "webhook-delivery", ["id"] = d.Id,
        ["attributes"] = new JsonObject
        {
            ["event-id"] = d.EventId, ["event-name"] = d.EventName, ["case-id"] = d.CaseId, ["status"] = d.Status, ["test"] = d.IsTest,
            ["attempts-made"] = d.AttemptsMade, ["max-attempts"] = d.MaxAttempts, ["created-at"] = Time(d.CreatedAt),
            ["next-attempt-at"] = Time(d.NextAttemptAt), ["first-attempted-at"] = Time(d.FirstAttemptedAt), ["last-attempted-at"] = Time(d.LastAttemptedAt),
            ["last-status-code"] = d.LastStatusCode, ["last-duration-ms"] = d.LastDurationMs, ["completed-at"] = Time(d.CompletedAt), ["replay-of"] = d.ReplayOf,
            ["attempts"] = new JsonArray(d.Attempts.Select(a => (JsonNode)new JsonObject
            {
                ["number"] = a.Number, ["attempted-at"] = Time(a.At), ["status-code"] = a.StatusCode, ["duration-ms"] = a.DurationMs,
                ["response"] = a.Response, ["error"] = a.Error,
            }).ToArray()),
        },
        ["relationships"] = new JsonObject { ["webhook"] = new JsonObject { ["data"] = ApiDocuments.Ref("webhook", d.WebhookId) } },
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static JsonNode? Time(DateTime? t) => t is { } v ? ApiDocuments.Time(v) : null;
}
