using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases.Search;

/// <summary>
/// The provider-specific part of the case search: a trigram index over each case's text (its name and its linked objects'
/// reference ids, emails and person names) and over users' display names, kept in step by the database itself.
/// </summary>
internal interface ITrigramIndex
{
    /// <summary>The ids of the cases whose text contains every term (anywhere, in any case).</summary>
    IQueryable<long> Hits(CasesDbContext db, IReadOnlyList<string> terms);

    Task<int> CountAsync(CasesDbContext db, IReadOnlyList<string> terms, CancellationToken ct);

    /// <summary>The ids of the users whose display name contains <paramref name="term"/>.</summary>
    Task<List<string>> UsersAsync(CasesDbContext db, string term, CancellationToken ct);

    /// <summary>Inside a bulk import's transaction: stop indexing row by row (see <see cref="CaseSearchIndex.PauseForBulkAsync"/>).</summary>
    Task PauseAsync(CasesDbContext db, CancellationToken ct);

    Task ResumeAsync(CasesDbContext db, long firstId, long lastId, CancellationToken ct);

    public static ITrigramIndex For(CasesDbContext db) => db.Database.IsNpgsql() ? PostgresTrigramIndex.Instance : SqliteTrigramIndex.Instance;
}
