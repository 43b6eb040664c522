using CasesDashboard.Features.Cases.Search;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

/// <summary>The grid as a page shows it: the filter it ran (what could not be used left out), the cases, and why anything was left out.</summary>
public sealed record CaseGrid(CaseFilter Filter, CaseResults Results, IReadOnlyList<string> Notices);

public sealed partial class CaseQuery
{
    /// <summary>
    /// Searches with the values of <paramref name="requested"/> that the reader can use. A template, status, assignee or tag that
    /// does not exist (or that the reader may not see), search terms too short to match, and a page past the last are left
    /// out, each with a sentence in <see cref="CaseGrid.Notices"/>. (<see cref="SearchAsync"/> takes a filter as it is.)
    /// </summary>
    public async Task<CaseGrid> GridAsync(CaseFilter requested, Actor actor, CancellationToken ct = default,
        IReadOnlyCollection<string>? fieldColumns = null)
    {
        var notices = new List<string>();
        var filter = await CheckAsync(requested, actor, notices, ct);
        var text = SearchText.Parse(filter.Text);
        notices.AddRange(text.TooShort.Select(t => $"‘{FilterNotices.Quote(t)}’ is too short to search for (at least {SearchText.MinTermLength} characters) — left out"));
        if (text.Cut) notices.Add($"Search text is long — only its first {SearchText.MaxTerms} terms and {SearchText.MaxLength} characters are used");
        var results = await SearchAsync(filter, actor, ct, fieldColumns);
        if (results.Page > results.PageCount)
        {
            notices.Add($"Page {results.Page:N0} is past the last page — showing page {results.PageCount:N0}");
            filter = filter with { Page = results.PageCount };
            results = await SearchAsync(filter, actor, ct, fieldColumns);
        }
        return new CaseGrid(filter, results, notices);
    }

    /// <summary>The filter without what the reader cannot use, each left-out value named in <paramref name="notices"/>.</summary>
    internal async Task<CaseFilter> CheckAsync(CaseFilter f, Actor actor, List<string> notices, CancellationToken ct)
    {
        var visible = (await templates.ListAsync(ct)).Where(t => t.Definition.IsVisibleTo(actor)).ToList();
        if (f.Template is { } key)
        {
            var template = visible.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
            if (template is null) notices.Add(FilterNotices.Unknown("template", key));
            f = f with { Template = template?.Key };
        }
        if (f.Status is { } status && !visible.Any(t => (f.Template is null || t.Key == f.Template) && t.Definition.FindStatus(status) is not null))
        {
            notices.Add(FilterNotices.Unknown("status", status));
            f = f with { Status = null };
        }
        if (f.Assignee is { } assignee and not (CaseFilter.Me or CaseFilter.Unassigned) && await users.FindAsync(assignee, ct) is null)
        {
            notices.Add(FilterNotices.Unknown("assignee", assignee));
            f = f with { Assignee = null };
        }
        if (f.Tag is { } tag && !await TagExistsAsync(tag, ct))
        {
            notices.Add(FilterNotices.Unknown("tag", tag));
            f = f with { Tag = null };
        }
        if (f.Queue is { } queue and not CaseFilter.Unassigned && await queues.FindAsync(queue, ct) is null)
        {
            notices.Add(FilterNotices.Unknown("queue", queue));
            f = f with { Queue = null };
        }
        var fields = new List<FieldFilter>();
        foreach (var field in f.Fields)
        {
            var definition = FieldFilters.Find(visible, f.Template, field.Key);
            if (definition is null) notices.Add(FilterNotices.Unknown("field", field.Key, "left out"));
            else if (FieldFilters.Condition(definition, field.Value) is null)
                notices.Add($"{definition.Label} ‘{FilterNotices.Quote(field.Value)}’ — {FieldFilters.WhyNot(definition)}; left out");
            else fields.Add(field);
        }
        return f with { Fields = new(fields) };
    }

    private async Task<bool> TagExistsAsync(string tag, CancellationToken ct)
    {
        await using var db = await store.ReadAsync(ct);
        return await db.CaseTags.AnyAsync(t => t.Tag == tag, ct);
    }
}
