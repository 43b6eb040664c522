using System.Text;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Templates;

public static class TemplateEndpoints
{
    /// <summary>
    /// Template export as a download (the same JSON format as seed-data/), for leads and admins; an unknown template or
    /// version answers with a problem document.
    /// </summary>
    public static IEndpointRouteBuilder MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/templates/{key}/export", async (string key, int? version, TemplateEditorService editor) =>
                Results.File(Encoding.UTF8.GetBytes(await editor.ExportAsync(key, version)), "application/json",
                    $"{key}{(version is null ? "" : $"-v{version}")}.json"))
            .RequireAuthorization(Policies.LeadCases)
            .AddEndpointFilter<DomainErrorFilter>();
        return app;
    }
}
