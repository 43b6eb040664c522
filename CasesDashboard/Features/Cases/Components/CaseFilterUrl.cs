using System.Globalization;
using CasesDashboard.Features.Templates;
using Microsoft.AspNetCore.WebUtilities;

namespace CasesDashboard.Features.Cases.Components;

/// <summary>The grid's query-string values as they arrived, unparsed.</summary>
public sealed record CaseGridQuery(
    string? Text = null, string? Template = null, string? Status = null, string? Assignee = null, string? Priority = null, string? Tag = null,
    string? From = null, string? To = null, string? Open = null, string? Sort = null, string? Desc = null, string? Page = null,
    string? ResolvedFrom = null, string? ResolvedTo = null, string? Sla = null);

/// <summary>A filter read from a link, and a sentence for each value that could not be used as it was.</summary>
public sealed record ReadFilter(CaseFilter Filter, IReadOnlyList<string> Notices);

/// <summary>
/// The case grid's filter state lives in the URL, so a view can be bookmarked and shared. Every value is read as text and
/// parsed here: a hand-edited or truncated link falls back to the default for that value, and the page says which and why.
/// Whether a template, status, assignee or tag exists is the store's to say (<see cref="CaseQuery.GridAsync"/>).
/// </summary>
public static class CaseFilterUrl
{
    public static ReadFilter Read(CaseGridQuery q)
    {
        var notices = new List<string>();
        var sort = ReadName<CaseSort>(q.Sort, "sort", "sorted by created", notices) ?? CaseSort.Created;
        var from = ReadDate(q.From, "Created from", notices);
        var to = ReadDate(q.To, "Created to", notices);
        if (from > to)
        {
            notices.Add($"Created from {from:yyyy-MM-dd} is after created to {to:yyyy-MM-dd} — swapped");
            (from, to) = (to, from);
        }
        var resolvedFrom = ReadDate(q.ResolvedFrom, "Resolved from", notices);
        var resolvedTo = ReadDate(q.ResolvedTo, "Resolved to", notices);
        if (resolvedFrom > resolvedTo)
        {
            notices.Add($"Resolved from {resolvedFrom:yyyy-MM-dd} is after resolved to {resolvedTo:yyyy-MM-dd} — swapped");
            (resolvedFrom, resolvedTo) = (resolvedTo, resolvedFrom);
        }
        var sla = ReadName<Sla.SlaState>(q.Sla?.Replace("_", ""), "SLA state", "showing all", notices);
        if (sla is not null and not (Sla.SlaState.AtRisk or Sla.SlaState.Breached or Sla.SlaState.Paused))
        {
            notices.Add(FilterNotices.Unknown("SLA state", q.Sla!, "showing all"));
            sla = null;
        }
        var filter = new CaseFilter
        {
            ResolvedFrom = resolvedFrom, ResolvedTo = resolvedTo, Sla = sla,
            Text = Blank(q.Text), Template = Blank(q.Template), Status = Blank(q.Status), Assignee = Blank(q.Assignee), Tag = Blank(q.Tag),
            Priority = ReadName<CasePriority>(q.Priority, "priority", "showing all", notices),
            CreatedFrom = from, CreatedTo = to,
            OpenOnly = ReadBool(q.Open, "value for open", "showing all", notices) ?? false,
            Sort = sort,
            Descending = ReadBool(q.Desc, "sort direction", "using the column's first direction", notices) ?? sort.StartsDescending(),
            Page = ReadPage(q.Page, notices),
        };
        return new(filter, notices);
    }

    public static string ToUrl(CaseFilter f)
    {
        var q = new Dictionary<string, string?>
        {
            ["q"] = f.Text, ["template"] = f.Template, ["status"] = f.Status, ["assignee"] = f.Assignee,
            ["priority"] = f.Priority?.ToString().ToLowerInvariant(), ["tag"] = f.Tag,
            ["from"] = f.CreatedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = f.CreatedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["open"] = f.OpenOnly ? "true" : null,
            ["resolved_from"] = f.ResolvedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["resolved_to"] = f.ResolvedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sla"] = f.Sla switch { Sla.SlaState.AtRisk => "at_risk", { } v => v.ToString().ToLowerInvariant(), null => null },
            ["sort"] = f.Sort == CaseSort.Created ? null : f.Sort.ToString().ToLowerInvariant(),
            ["desc"] = f.Descending == f.Sort.StartsDescending() ? null : f.Descending ? "true" : "false",
            ["page"] = f.Page > 1 ? f.Page.ToString(CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("cases", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>An enum member by name (any case); numbers and lists, which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> accepts, are not names.</summary>
    private static T? ReadName<T>(string? raw, string what, string instead, List<string> notices) where T : struct, Enum
    {
        if (Blank(raw) is not { } s) return null;
        if (Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase)) is { } name) return Enum.Parse<T>(name);
        notices.Add(FilterNotices.Unknown(what, s, instead));
        return null;
    }

    private static bool? ReadBool(string? raw, string what, string instead, List<string> notices)
    {
        if (Blank(raw) is not { } s) return null;
        if (bool.TryParse(s, out var b)) return b;
        notices.Add(FilterNotices.Unknown(what, s, instead));
        return null;
    }

    private static DateOnly? ReadDate(string? raw, string label, List<string> notices)
    {
        if (Blank(raw) is not { } s) return null;
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            notices.Add($"{label} ‘{FilterNotices.Quote(s)}’ is not a date (yyyy-mm-dd) — ignored");
            return null;
        }
        var clamped = d < CaseFilter.EarliestDate ? CaseFilter.EarliestDate : d > CaseFilter.LatestDate ? CaseFilter.LatestDate : d;
        if (clamped != d) notices.Add($"{label} {s} is out of range — using {clamped:yyyy-MM-dd}");
        return clamped;
    }

    private static int ReadPage(string? raw, List<string> notices)
    {
        if (Blank(raw) is not { } s) return 1;
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
        notices.Add($"Page ‘{FilterNotices.Quote(s)}’ is not a page number — showing page 1");
        return 1;
    }
}
