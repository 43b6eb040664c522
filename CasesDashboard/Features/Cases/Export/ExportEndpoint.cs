using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Features.Views;

namespace CasesDashboard.Features.Cases.Export;

/// <summary>
/// <c>GET /cases/export.csv</c> with the grid's query string (filter, sort, <c>cols</c>) and optionally <c>progress=&lt;token&gt;</c>:
/// the matching cases as a CSV download, streamed as it is read. Cookie-authenticated like the pages (a GET changes nothing, so no
/// antiforgery token); every role that may see cases may export what it sees.
/// </summary>
public static class ExportEndpoint
{
    public const string Path = "/cases/export.csv";

    public static WebApplication MapCaseExport(this WebApplication app)
    {
        app.MapGet(Path, async (HttpContext http, CaseExport export, TemplateService templates, TimeProvider clock) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            var query = CaseGridQuery.Parse(http.Request.QueryString.Value ?? "");
            var filter = CaseFilterUrl.Read(query).Filter;
            var visible = (await templates.ListAsync(http.RequestAborted)).Where(t => t.Definition.IsVisibleTo(actor));
            var columns = GridColumns.Parse(http.Request.Query["cols"], GridColumns.Available(visible));
            var token = http.Request.Query["progress"].ToString();
            return TypedResults.Stream(body => export.WriteAsync(body, filter, columns, actor, token, http.RequestAborted),
                "text/csv; charset=utf-8", $"cases-{clock.GetUtcNow():yyyy-MM-dd}.csv");
        }).RequireAuthorization(Policies.ViewCases);
        return app;
    }
}
