using System.Linq.Expressions;

namespace CasesDashboard.Features.Cases.Search;

/// <summary>
/// The cases a <see cref="SearchText"/> matches, ready to narrow a grid query. Two shapes of the same set: looking each match up
/// by id (<see cref="Narrow"/>: counting, and pages of few matches), and, when the trigram index matched many cases, letting
/// the sort's index lead and checking each case it passes against the matches (<see cref="NarrowForPage"/>): a page of 50
/// out of 10,000 matches then reads about 50 cases' worth of that index instead of looking up all 10,000.
/// </summary>
public sealed class TextMatch(IReadOnlyList<Expression<Func<Case, bool>>> conditions, IQueryable<long>? indexHits, int indexHitCount)
{
    /// <summary>From this many trigram matches on, a sorted page is read along the sort's index.</summary>
    public const int ManyHits = 2_000;

    /// <summary>How many cases match, when the trigram index alone says so (no exact name, id or assignee terms).</summary>
    public int? Count => conditions.Count == 0 && indexHits is not null ? indexHitCount : null;

    public IQueryable<Case> Narrow(IQueryable<Case> cases) => Narrow(cases, alongSortIndex: false);

    public IQueryable<Case> NarrowForPage(IQueryable<Case> cases) => Narrow(cases, alongSortIndex: indexHitCount >= ManyHits);

    private IQueryable<Case> Narrow(IQueryable<Case> cases, bool alongSortIndex)
    {
        foreach (var condition in conditions) cases = cases.Where(condition);
        if (indexHits is null) return cases;
        // "Id + 0" is not the rowid to SQLite's planner, so it cannot drive the query by the matches' ids.
        return alongSortIndex ? cases.Where(c => indexHits.Contains(c.Id + 0)) : cases.Where(c => indexHits.Contains(c.Id));
    }
}
