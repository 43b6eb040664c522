using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Data;

/// <summary>
/// The one write path: a fresh context, one short transaction, save, commit. SQLite has one writer;
/// a transaction that still finds the database busy after the busy timeout is retried here, and only here.
/// </summary>
public sealed class CasesStore(IDbContextFactory<CasesDbContext> factory)
{
    private const int Attempts = 4;

    public async Task<T> WriteAsync<T>(Func<CasesDbContext, Task<T>> work, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await work(db);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < Attempts && IsBusy(e))
            {
                await Task.Delay(25 * attempt * attempt, ct);
            }
        }
    }

    public Task<CasesDbContext> ReadAsync(CancellationToken ct = default) => factory.CreateDbContextAsync(ct);

    private static bool IsBusy(Exception e) =>
        (e as SqliteException ?? e.InnerException as SqliteException)?.SqliteErrorCode is 5 or 6;
}
