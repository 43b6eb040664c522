using System.Text.Json.Nodes;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Api;

/// <summary>/api/v1/case-templates: the published templates the key may see, with statuses, field schemas and actions.</summary>
public static class TemplatesEndpoints
{
    public static RouteGroupBuilder MapTemplates(this RouteGroupBuilder api)
    {
        api.MapGet("/case-templates", async (HttpContext http, TemplateService templates) =>
        {
            ApiQuery.Parse(http.Request);
            var actor = http.Actor();
            var visible = (await templates.ListAsync(http.RequestAborted)).Where(t => t.Definition.IsVisibleTo(actor));
            return new ApiResult(200, new JsonObject { ["data"] = new JsonArray(visible.Select(t => (JsonNode)ApiDocuments.Template(t)).ToArray()) });
        }).RequireAuthorization(Policies.ViewCases).WithSummary("List case templates");

        api.MapGet("/case-templates/{id}", async (string id, HttpContext http, TemplateService templates) =>
        {
            ApiQuery.Parse(http.Request);
            var actor = http.Actor();
            var template = (await templates.ListAsync(http.RequestAborted)).FirstOrDefault(t => TemplateIds.Of(t.Key) == id && t.Definition.IsVisibleTo(actor))
                ?? throw new NotFoundException("Case template", id);
            return new ApiResult(200, new JsonObject { ["data"] = ApiDocuments.Template(template) });
        }).RequireAuthorization(Policies.ViewCases).WithSummary("Retrieve a case template");
        return api;
    }
}
