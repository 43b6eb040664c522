using System.Globalization;
using CasesDashboard.Features.Templates;
using Microsoft.AspNetCore.WebUtilities;

namespace CasesDashboard.Features.Cases.Components;

/// <summary>The grid's query-string values as they arrived, unparsed.</summary>
public sealed record CaseGridQuery(
    string? Text = null, string? Template = null, string? Status = null, string? Assignee = null, string? Priority = null, string? Tag = null,
    string? From = null, string? To = null, string? Open = null, string? Sort = null, string? Desc = null, string? Page = null,
    IReadOnlyList<string>? Fields = null, string? Queue = null,
    string? ResolvedFrom = null, string? ResolvedTo = null, string? Sla = null)
{
    /// <summary>The grid's values from a query string (a stored view's, or a request's).</summary>
    public static CaseGridQuery Parse(string query)
    {
        var q = QueryHelpers.ParseQuery(query.StartsWith('?') ? query : "?" + query);
        string? One(string key) => q.TryGetValue(key, out var v) ? v.ToString() : null;
        return new(One("q"), One("template"), One("status"), One("assignee"), One("priority"), One("tag"), One("from"), One("to"),
            One("open"), One("sort"), One("desc"), One("page"), q.TryGetValue("f", out var f) ? f.OfType<string>().ToList() : null, One("queue"),
            One("resolved_from"), One("resolved_to"), One("sla"));
    }
}

/// <summary>A filter read from a link, and a sentence for each value that could not be used as it was.</summary>
public sealed record ReadFilter(CaseFilter Filter, IReadOnlyList<string> Notices);

/// <summary>
/// The case grid's filter state lives in the URL, so a view can be bookmarked and shared. Every value is read as text and
/// parsed here: a hand-edited or truncated link falls back to the default for that value, and the page says which and why.
/// Whether a template, status, assignee, tag or queue exists is the store's to say (<see cref="CaseQuery.GridAsync"/>).
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
            Text = Blank(q.Text), Template = Blank(q.Template), Status = Blank(q.Status), Assignee = Blank(q.Assignee), Tag = Blank(q.Tag), Queue = Blank(q.Queue),
            Priority = ReadName<CasePriority>(q.Priority, "priority", "showing all", notices),
            CreatedFrom = from, CreatedTo = to,
            OpenOnly = ReadBool(q.Open, "value for open", "showing all", notices) ?? false,
            Sort = sort,
            Descending = ReadBool(q.Desc, "sort direction", "using the column's first direction", notices) ?? sort.StartsDescending(),
            Page = ReadPage(q.Page, notices),
            Fields = ReadFields(q.Fields, notices),
        };
        return new(filter, notices);
    }

    /// <summary>The grid's link: the filter, and the saved view and chosen columns it is shown with.</summary>
    /// <param name="explicitSort">Name the sort even when it is the default, so the link reads as a filter of its own (not the saved view's).</param>
    public static string ToUrl(CaseFilter f, long? view = null, string? columns = null, string path = "cases", bool explicitSort = false)
    {
        var q = new List<KeyValuePair<string, string?>> { Pair("view", view?.ToString(CultureInfo.InvariantCulture)) };
        q.AddRange(Pairs(f));
        if (explicitSort && f.Sort == CaseSort.Created) q.Add(Pair("sort", "created"));
        q.Add(Pair("cols", columns));
        q.Add(Pair("page", f.Page > 1 ? f.Page.ToString(CultureInfo.InvariantCulture) : null));
        return QueryHelpers.AddQueryString(path, q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    /// <summary>The filter and sort as a query string without the page (what a saved view keeps).</summary>
    public static string QueryOf(CaseFilter f) => QueryHelpers.AddQueryString("", Pairs(f)).TrimStart('?');

    private static IEnumerable<KeyValuePair<string, string?>> Pairs(CaseFilter f)
    {
        var q = new List<KeyValuePair<string, string?>>
        {
            Pair("q", f.Text), Pair("template", f.Template), Pair("status", f.Status), Pair("assignee", f.Assignee),
            Pair("priority", f.Priority?.ToString().ToLowerInvariant()), Pair("tag", f.Tag), Pair("queue", f.Queue),
            Pair("from", f.CreatedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), Pair("to", f.CreatedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Pair("open", f.OpenOnly ? "true" : null),
            Pair("resolved_from", f.ResolvedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Pair("resolved_to", f.ResolvedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Pair("sla", f.Sla switch { Sla.SlaState.AtRisk => "at_risk", { } v => v.ToString().ToLowerInvariant(), null => null }),
            Pair("sort", f.Sort == CaseSort.Created ? null : f.Sort.ToString().ToLowerInvariant()),
            Pair("desc", f.Descending == f.Sort.StartsDescending() ? null : f.Descending ? "true" : "false"),
        };
        q.AddRange(f.Fields.Select(x => Pair("f", $"{x.Key}:{x.Value}")));
        return q.Where(kv => !string.IsNullOrEmpty(kv.Value));
    }

    private static KeyValuePair<string, string?> Pair(string key, string? value) => new(key, value);

    /// <summary>Field filters as <c>key:value</c>; an entry without a colon or a key is named and left out.</summary>
    private static Common.ValueList<FieldFilter> ReadFields(IReadOnlyList<string>? raw, List<string> notices)
    {
        var fields = new List<FieldFilter>();
        foreach (var entry in raw ?? [])
        {
            var at = entry.IndexOf(':');
            if (at <= 0) notices.Add($"Field filter ‘{FilterNotices.Quote(entry)}’ is not field:value — left out");
            else fields.Add(new FieldFilter(entry[..at].Trim(), entry[(at + 1)..].Trim()));
        }
        return new(fields.DistinctBy(x => x.Key));
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

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
