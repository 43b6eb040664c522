using System.Text.Json.Nodes;
using CasesDashboard.Features.Api;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// Persona's event document: <c>{"data": {"type": "event", "id": "evt_…", "attributes": {"name", "payload": {"data": …},
/// "created-at"}}}</c>, the payload being the case as <c>GET /api/v1/cases/{id}</c> shows it. Always kebab-case.
/// </summary>
public static class WebhookEventDocument
{
    public static string Build(string eventId, string name, JsonNode? payload, DateTime createdAt) => new JsonObject
    {
        ["data"] = new JsonObject
        {
            ["type"] = "event", ["id"] = eventId,
            ["attributes"] = new JsonObject
            {
                ["name"] = name,
                ["payload"] = new JsonObject { ["data"] = payload },
                ["created-at"] = ApiDocuments.Time(createdAt),
            },
        },
    }.ToJsonString();

    /// <summary>The same event (id, name, time) with another payload: a redacted case's earlier events read as the redacted case.</summary>
    public static string WithPayload(string body, JsonNode payload)
    {
        var document = JsonNode.Parse(body)!;
        document["data"]!["attributes"]!["payload"]!["data"] = payload.DeepClone();
        return document.ToJsonString();
    }
}
