using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases.Search;

/// <summary>
/// SQLite's trigram part of <see cref="CaseSearchIndex"/> (schema: migration <c>SearchTrigramIndex</c>). <c>CaseSearch</c> is an
/// FTS5 table with the trigram tokenizer (case- and diacritics-insensitive), contentless: it holds the index only, one row per
/// case keyed by the case's id, whose text is the view <c>CaseSearchDocuments</c> (case name, and the linked objects'
/// reference ids, emails and person names). Triggers rewrite a case's row when the case is created or renamed, when an
/// object is linked or unlinked, and when a linked object's indexed values change; <c>UserSearch</c> follows users' display
/// names the same way. So every write path, present or future, keeps them in step.
/// </summary>
internal sealed class SqliteTrigramIndex : ITrigramIndex
{
    public static readonly SqliteTrigramIndex Instance = new();

    /// <summary>Each term is an FTS5 string (a phrase of trigrams: the term anywhere); all must match.</summary>
    public IQueryable<long> Hits(CasesDbContext db, IReadOnlyList<string> terms) =>
        db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "CaseSearch" WHERE "CaseSearch" MATCH {Match(terms)}""");

    public Task<int> CountAsync(CasesDbContext db, IReadOnlyList<string> terms, CancellationToken ct) =>
        db.Database.SqlQuery<int>($"""SELECT count(*) AS "Value" FROM "CaseSearch" WHERE "CaseSearch" MATCH {Match(terms)}""").SingleAsync(ct);

    /// <summary><c>UserSearch</c>: display names, one row per user (a rename rewrites that row only).</summary>
    public Task<List<string>> UsersAsync(CasesDbContext db, string term, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""SELECT "UserId" AS "Value" FROM "UserSearch" WHERE "UserSearch" MATCH {Match([term])}""").ToListAsync(ct);

    private static string Match(IEnumerable<string> terms) => string.Join(" AND ", terms.Select(t => "\"" + t.Replace("\"", "\"\"") + "\""));

    /// <summary>
    /// The insert triggers skip their work while <c>CaseSearchState.Paused</c> is 1. Only a bulk import sets it, inside its own
    /// write transaction (SQLite has one writer, so no other write sees it), and clears it before committing.
    /// </summary>
    public Task PauseAsync(CasesDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("""UPDATE "CaseSearchState" SET "Paused" = 1""", ct);

    public Task ResumeAsync(CasesDbContext db, long firstId, long lastId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "CaseSearch"(rowid, "Text") SELECT "Id", "Text" FROM "CaseSearchDocuments" WHERE "Id" BETWEEN {firstId} AND {lastId};
            UPDATE "CaseSearchState" SET "Paused" = 0;
            """, ct);
}
