using System.Globalization;
using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace CasesDashboard.Features.Analytics;

/// <summary>The dashboard's filter in a link: read from text (a bad value is dropped and said), written back for links and exports.</summary>
public static class AnalyticsUrl
{
    public static (AnalyticsFilter Filter, IReadOnlyList<string> Notices) Read(string? from, string? to, string? template, string? queue,
        string? assignee, string? resolution)
    {
        var notices = new List<string>();
        DateOnly? Date(string? raw, string what)
        {
            if (string.IsNullOrWhiteSpace(raw)) return null;
            if (DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            notices.Add($"'{raw}' is not a date (yyyy-MM-dd) for {what}; using the default.");
            return null;
        }
        int? queueId = null;
        if (!string.IsNullOrWhiteSpace(queue))
        {
            if (int.TryParse(queue, NumberStyles.None, CultureInfo.InvariantCulture, out var q)) queueId = q;
            else notices.Add($"'{queue}' is not a queue id; showing every queue.");
        }
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        return (new AnalyticsFilter
        {
            From = Date(from, "from"), To = Date(to, "to"), Template = Blank(template), QueueId = queueId,
            AssigneeId = Blank(assignee), Resolution = Blank(resolution),
        }, notices);
    }

    public static string ToUrl(string path, AnalyticsFilter f) => QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
    {
        ["from"] = f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = f.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["template"] = f.Template, ["queue"] = f.QueueId?.ToString(CultureInfo.InvariantCulture), ["assignee"] = f.AssigneeId, ["resolution"] = f.Resolution,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    /// <summary>CSV downloads of the dashboard's tables, leads and admins.</summary>
    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/analytics/export/{table}.csv", async (string table, string? from, string? to, string? template, string? queue, string? assignee,
                string? resolution, AnalyticsService analytics, HttpContext http) =>
            {
                if (!AnalyticsCsv.Tables.Contains(table))
                    return Results.Problem(statusCode: 404, title: $"There is no analytics table '{table}'; use one of {string.Join(", ", AnalyticsCsv.Tables)}.");
                var report = await analytics.ReportAsync(Read(from, to, template, queue, assignee, resolution).Filter, Actor.FromPrincipal(http.User));
                return Results.File(System.Text.Encoding.UTF8.GetBytes(AnalyticsCsv.Write(report, table)!), "text/csv",
                    $"analytics-{table}-{report.Applied.From:yyyy-MM-dd}-{report.Applied.To:yyyy-MM-dd}.csv");
            })
            .RequireAuthorization(Policies.LeadCases)
            .AddEndpointFilter<Common.DomainErrorFilter>();
        return app;
    }
}

/// <summary>What the dashboard's pickers offer.</summary>
public static class AnalyticsChoices
{
    /// <summary>
    /// The resolutions (end statuses) to filter by: those of <paramref name="template"/>, or of every template (one entry per
    /// key; a key two templates label differently shows both labels).
    /// </summary>
    public static IReadOnlyList<(string Key, string Label)> Resolutions(IEnumerable<Templates.TemplateSummary> templates, string? template) =>
        templates.Where(t => template is null || t.Key == template)
            .SelectMany(t => t.Definition.Statuses.Where(s => s.Type == Templates.StatusType.End))
            .GroupBy(s => s.Key)
            .Select(g => (g.Key, string.Join(" / ", g.Select(s => s.Label).Distinct())))
            .OrderBy(x => x.Item2, StringComparer.CurrentCultureIgnoreCase).ToList();
}
