using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases.Search;

/// <summary>
/// PostgreSQL's trigram part of <see cref="CaseSearchIndex"/> (schema: the PostgreSQL migration <c>SearchTrigramIndex</c>):
/// tables <c>CaseSearch</c> (one row per case: the text of view <c>CaseSearchDocuments</c>, lower case, accents removed) and
/// <c>UserSearch</c> (display names), each with a pg_trgm GIN index, so <c>LIKE '%term%'</c> is an index search. Triggers keep
/// them in step with every write, as on SQLite. A bulk import pauses them with a transaction-local setting, so other
/// writers are never affected.
/// </summary>
internal sealed class PostgresTrigramIndex : ITrigramIndex
{
    public static readonly PostgresTrigramIndex Instance = new();

    public IQueryable<long> Hits(CasesDbContext db, IReadOnlyList<string> terms)
    {
        var patterns = terms.Select(Pattern).ToArray();
        // Only placeholders ({0}, {1}, …) are put into the text; the terms go as parameters.
        var conditions = string.Join(" AND ", patterns.Select((_, i) => "\"Text\" LIKE lower(unaccent({" + i + "}))"));
        var sql = "SELECT \"CaseId\" AS \"Value\" FROM \"CaseSearch\" WHERE " + conditions;
        return db.Database.SqlQueryRaw<long>(sql, patterns.Cast<object>().ToArray());
    }

    public Task<int> CountAsync(CasesDbContext db, IReadOnlyList<string> terms, CancellationToken ct) => Hits(db, terms).CountAsync(ct);

    public Task<List<string>> UsersAsync(CasesDbContext db, string term, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""SELECT "UserId" AS "Value" FROM "UserSearch" WHERE "Name" LIKE lower(unaccent({Pattern(term)}))""").ToListAsync(ct);

    public Task PauseAsync(CasesDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SELECT set_config('cases.search_paused', 'on', true)", ct);

    public Task ResumeAsync(CasesDbContext db, long firstId, long lastId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "CaseSearch" ("CaseId", "Text") SELECT "Id", lower(unaccent("Text")) FROM "CaseSearchDocuments" WHERE "Id" BETWEEN {firstId} AND {lastId}
            ON CONFLICT ("CaseId") DO UPDATE SET "Text" = EXCLUDED."Text";
            SELECT set_config('cases.search_paused', 'off', true);
            """, ct);

    /// <summary>The term anywhere: <c>%term%</c>, with LIKE's own wildcards in the term taken literally.</summary>
    private static string Pattern(string term) => "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
