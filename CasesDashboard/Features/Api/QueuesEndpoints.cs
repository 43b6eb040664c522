using System.Text.Json.Nodes;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Api;

/// <summary>/api/v1/case-queues: the queues, read-only, for integrations that place cases (<c>case-queue-id</c>) or route them themselves.</summary>
public static class QueuesEndpoints
{
    public static RouteGroupBuilder MapQueues(this RouteGroupBuilder api)
    {
        api.MapGet("/case-queues", async (HttpContext http, QueueDirectory queues) =>
        {
            ApiQuery.Parse(http.Request);
            var all = await queues.AllAsync(http.RequestAborted);
            return new ApiResult(200, new JsonObject { ["data"] = new JsonArray(all.Select(q => (JsonNode)ApiDocuments.Queue(q)).ToArray()) });
        }).RequireAuthorization(Policies.ViewCases).WithSummary("List case queues in routing order");

        api.MapGet("/case-queues/{id}", async (string id, HttpContext http, QueueDirectory queues) =>
        {
            ApiQuery.Parse(http.Request);
            var queue = await queues.FindAsync(id, http.RequestAborted) ?? throw new NotFoundException("Case queue", id);
            return new ApiResult(200, new JsonObject { ["data"] = ApiDocuments.Queue(queue) });
        }).RequireAuthorization(Policies.ViewCases).WithSummary("Retrieve a case queue");
        return api;
    }
}
