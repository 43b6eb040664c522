using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Data;

/// <summary>
/// Locks for check-then-write steps that no unique key or row token covers (e.g. "upsert the object with this reference id").
/// PostgreSQL: a transaction-scoped advisory lock on the key, released at commit or rollback. SQLite: nothing to do — its one
/// writer already runs such steps one at a time.
/// </summary>
public static class StoreLocks
{
    public static async Task LockAsync(CasesDbContext db, string key, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
    }
}
