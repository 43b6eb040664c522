using System.Linq.Expressions;
using CasesDashboard.Data;
using CasesDashboard.Features.Objects;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases.Search;

/// <summary>
/// The case grid's free-text search, in one place. Every term of a <see cref="SearchText"/> must match, each in the first way
/// that applies:
/// <list type="bullet">
/// <item>a whole case name (<c>DOR-5</c>, any case) that exists: that case only;</item>
/// <item>a public id or its leading part (<c>case_7xK…</c>): by the unique index on public ids;</item>
/// <item>an object id or its leading part (<c>inq_…</c>, <c>act_…</c>, <c>rep_…</c>, <c>txn_…</c>): the cases linked to those objects;</item>
/// <item>anything else: a part, anywhere and in any case, of the case name, the linked objects' reference ids, emails and
/// person names, or the assignee's display name. This part is a trigram index the database keeps in step with every write
/// (<see cref="SqliteTrigramIndex"/>, <see cref="PostgresTrigramIndex"/>).</item>
/// </list>
/// Only the trigram part depends on the database provider (<see cref="ITrigramIndex"/>); callers do not.
/// </summary>
public static class CaseSearchIndex
{
    private const string CasePrefix = "case_";

    /// <summary>The cases matching every term of <paramref name="text"/>; null when there is nothing to search for.</summary>
    public static async Task<TextMatch?> MatchAsync(CasesDbContext db, SearchText text, CancellationToken ct = default)
    {
        if (text.IsEmpty) return null;
        var index = ITrigramIndex.For(db);
        var conditions = new List<Expression<Func<Case, bool>>>();
        var anywhere = new List<string>();
        foreach (var term in text.Terms)
        {
            if (term.StartsWith(CasePrefix, StringComparison.Ordinal))
            {
                var (from, to) = PrefixRange(term);
                conditions.Add(db.Database.IsNpgsql() ? c => c.PublicId.StartsWith(term)
                    : c => string.Compare(c.PublicId, from) >= 0 && string.Compare(c.PublicId, to) < 0);
            }
            else if (CaseObject.KindOfId(term) is not null)
            {
                var (from, to) = PrefixRange(term);
                var linked = db.Database.IsNpgsql() ? db.CaseObjectLinks.Where(l => l.ObjectId.StartsWith(term)).Select(l => l.CaseId)
                    : db.CaseObjectLinks.Where(l => string.Compare(l.ObjectId, from) >= 0 && string.Compare(l.ObjectId, to) < 0).Select(l => l.CaseId);
                conditions.Add(c => linked.Contains(c.Id));
            }
            else if (CaseNumbers.IsNameShaped(term) && term.ToUpperInvariant() is var name && await db.Cases.AnyAsync(c => c.Name == name, ct))
                conditions.Add(c => c.Name == name);
            else if (await index.UsersAsync(db, term, ct) is { Count: > 0 } assignees)
            {
                // Part of an assignee's name: that person's cases match too.
                var inText = index.Hits(db, [term]);
                conditions.Add(c => inText.Contains(c.Id) || assignees.Contains(c.AssigneeId!));
            }
            else
                anywhere.Add(term);
        }
        if (anywhere.Count == 0) return TextMatch.Exact(conditions);
        var hits = index.Hits(db, anywhere);
        var first = await hits.Take(TextMatch.ManyHits + 1).ToListAsync(ct);
        return first.Count <= TextMatch.ManyHits
            ? TextMatch.Few(conditions, first)
            : TextMatch.Many(conditions, hits, await index.CountAsync(db, anywhere, ct));
    }

    /// <summary>
    /// Before a bulk insert of new cases in <paramref name="db"/>'s transaction: stops indexing each case and link as it is
    /// written (a case with three objects would be indexed four times). <see cref="ResumeAfterBulkAsync"/> indexes the new cases once each.
    /// </summary>
    public static Task PauseForBulkAsync(CasesDbContext db, CancellationToken ct = default) =>
        ITrigramIndex.For(db).PauseAsync(db, ct);

    /// <summary>Indexes the cases with ids <paramref name="firstId"/>…<paramref name="lastId"/> written since the pause, and resumes per-row upkeep.</summary>
    public static Task ResumeAfterBulkAsync(CasesDbContext db, long firstId, long lastId, CancellationToken ct = default) =>
        ITrigramIndex.For(db).ResumeAsync(db, firstId, lastId, ct);

    /// <summary>
    /// Every id that starts with <paramref name="prefix"/> sorts between these two (ordinal, as SQLite's indexes compare). On
    /// PostgreSQL, whose text order follows the database's collation, ids are matched with <c>LIKE 'prefix%'</c> instead.
    /// </summary>
    private static (string From, string To) PrefixRange(string prefix) => (prefix, prefix + char.MaxValue);
}
