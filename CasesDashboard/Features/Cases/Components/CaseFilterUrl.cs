using System.Globalization;
using CasesDashboard.Features.Templates;
using Microsoft.AspNetCore.WebUtilities;

namespace CasesDashboard.Features.Cases.Components;

/// <summary>
/// The case grid's filter state lives in the URL, so a view can be bookmarked and shared. Every value is read as text and
/// parsed here: a hand-edited or truncated link falls back to the default for that value instead of failing the page.
/// </summary>
public static class CaseFilterUrl
{
    public static CaseFilter FromQuery(string? status, string? template, string? assignee, string? priority, string? tag,
        string? from, string? to, string? text, string? open, string? sort, string? desc, string? page) => new()
    {
        Status = Blank(status), Template = Blank(template), Assignee = Blank(assignee), Tag = Blank(tag), Text = Blank(text),
        Priority = Enum.TryParse<CasePriority>(priority, true, out var p) ? p : null,
        CreatedFrom = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null,
        CreatedTo = DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null,
        OpenOnly = bool.TryParse(open, out var o) && o,
        Sort = Enum.TryParse<CaseSort>(sort, true, out var s) ? s : CaseSort.Created,
        Descending = !bool.TryParse(desc, out var d) || d,
        Page = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Max(1, n) : 1,
    };

    public static string ToUrl(CaseFilter f)
    {
        var q = new Dictionary<string, string?>
        {
            ["q"] = f.Text, ["template"] = f.Template, ["status"] = f.Status, ["assignee"] = f.Assignee,
            ["priority"] = f.Priority?.ToString().ToLowerInvariant(), ["tag"] = f.Tag,
            ["from"] = f.CreatedFrom?.ToString("yyyy-MM-dd"), ["to"] = f.CreatedTo?.ToString("yyyy-MM-dd"),
            ["open"] = f.OpenOnly ? "true" : null,
            ["sort"] = f.Sort == CaseSort.Created ? null : f.Sort.ToString().ToLowerInvariant(),
            ["desc"] = f.Descending ? null : "false",
            ["page"] = f.Page > 1 ? f.Page.ToString() : null,
        };
        return QueryHelpers.AddQueryString("cases", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
