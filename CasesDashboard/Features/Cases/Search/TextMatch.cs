using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases.Search;

/// <summary>
/// The cases a <see cref="SearchText"/> matches, ready to narrow a grid query. Conditions for exact names, ids and assignees,
/// plus the trigram index's matches in one of two shapes: up to <see cref="ManyHits"/> of them are read once, as ids, and
/// the page looks those cases up; more are counted by the index and the sorted page is read along the sort's own index,
/// checking each case it passes against the matches (a page of 50 out of 10,000 matches then reads about 50 cases' worth
/// of that index instead of 10,000 cases).
/// </summary>
public sealed class TextMatch
{
    /// <summary>From this many trigram matches on, a sorted page is read along the sort's index.</summary>
    public const int ManyHits = 2_000;

    private readonly IReadOnlyList<Expression<Func<Case, bool>>> conditions;
    private readonly List<long>? few;
    private readonly IQueryable<long>? many;
    private readonly int indexHitCount;

    private TextMatch(IReadOnlyList<Expression<Func<Case, bool>>> conditions, List<long>? few, IQueryable<long>? many, int indexHitCount) =>
        (this.conditions, this.few, this.many, this.indexHitCount) = (conditions, few, many, indexHitCount);

    /// <summary>No trigram terms: only exact names, ids and assignees.</summary>
    public static TextMatch Exact(IReadOnlyList<Expression<Func<Case, bool>>> conditions) => new(conditions, null, null, 0);

    public static TextMatch Few(IReadOnlyList<Expression<Func<Case, bool>>> conditions, List<long> ids) => new(conditions, ids, null, ids.Count);

    public static TextMatch Many(IReadOnlyList<Expression<Func<Case, bool>>> conditions, IQueryable<long> hits, int count) => new(conditions, null, hits, count);

    /// <summary>How many cases match, when the trigram index alone says so (no exact name, id or assignee terms).</summary>
    public int? Count => conditions.Count == 0 && (few ?? (object?)many) is not null ? indexHitCount : null;

    /// <summary>For counting: each match looked up by id.</summary>
    public IQueryable<Case> Narrow(IQueryable<Case> cases) => Narrow(cases, alongSortIndex: false);

    /// <summary>For one sorted page.</summary>
    public IQueryable<Case> NarrowForPage(IQueryable<Case> cases) => Narrow(cases, alongSortIndex: many is not null);

    private IQueryable<Case> Narrow(IQueryable<Case> cases, bool alongSortIndex)
    {
        foreach (var condition in conditions) cases = cases.Where(condition);
        if (few is { } ids) return cases.Where(c => EF.Parameter(ids).Contains(c.Id));
        if (many is not { } hits) return cases;
        // "Id + 0" is not the rowid to SQLite's planner, so it cannot drive the query by the matches' ids.
        return alongSortIndex ? cases.Where(c => hits.Contains(c.Id + 0)) : cases.Where(c => hits.Contains(c.Id));
    }
}
