using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CasesDashboard.Data;

/// <summary>
/// The one write path: a fresh context, one short transaction, save, commit. SQLite has one writer (<c>BEGIN IMMEDIATE</c>), so
/// each write sees the database as if alone. PostgreSQL runs writes READ COMMITTED, and what must not interleave is guarded
/// where it is written: optimistic tokens on the rows edited by read-modify-write (a case's <c>Version</c>, a template's
/// <c>EditVersion</c>), single conditional statements for compare-and-set (event cursors, leases), unique keys, and
/// transaction-scoped advisory locks (<see cref="StoreLocks"/>). SERIALIZABLE was tried first and measured: concurrent case
/// creations linking the same objects failed serialization on the search index's reads (ADR 012). A transaction that fails for
/// a transient reason — SQLite still busy after the busy timeout, a PostgreSQL serialization failure or deadlock, a row
/// changed under an optimistic check — is retried whole here, and only here; a conflict that outlives the retries reaches
/// the caller as the domain's <see cref="Features.Common.ConflictException"/>, never as a raw EF exception.
/// <para>
/// <see cref="InTransactionAsync{T}"/> makes several service calls one transaction (an import of a case with its history,
/// later an automation run with its cursor): inside it, each <see cref="WriteAsync{T}"/> joins the outer transaction under
/// a savepoint (a refused call leaves nothing behind), and work queued with <see cref="AfterCommitAsync"/> (publishing
/// changes to open pages) runs only once the whole unit has committed.
/// </para>
/// </summary>
public sealed class CasesStore(IDbContextFactory<CasesDbContext> factory, Features.Audit.EventLogSignal? committed = null, StoreConnection? connection = null)
{
    private const int Attempts = 5;
    /// <summary>
    /// On SQLite this process's writers take turns here rather than in SQLite's busy handler, which sleeps and polls (1 ms, 2 ms,
    /// 5 ms, …) and so, with a dozen concurrent writers, spends most of its time asleep. Other processes still meet the busy
    /// timeout. PostgreSQL takes concurrent writers as they come.
    /// </summary>
    private readonly SemaphoreSlim? writer = connection?.IsPostgres == true ? null : new(1, 1);
    private static readonly AsyncLocal<UnitOfWork?> Ambient = new();

    /// <summary>This process's writers take turns (SQLite): a write waiting here may as well be grouped with others (<see cref="GroupCommit{TItem, TResult}"/>).</summary>
    public bool WritersTakeTurns => writer is not null;

    /// <summary>Inside <see cref="InTransactionAsync{T}"/>: a write joins the caller's transaction.</summary>
    public bool InTransaction => Ambient.Value is not null;

    private sealed class UnitOfWork(CasesDbContext db)
    {
        public CasesDbContext Db { get; } = db;
        public List<Func<Task>> AfterCommit { get; } = [];
        public int Savepoints { get; set; }
    }

    public async Task<T> WriteAsync<T>(Func<CasesDbContext, Task<T>> work, CancellationToken ct = default)
    {
        if (Ambient.Value is { } unit) return await JoinAsync(unit, work, ct);
        if (writer is null) return await WriteAloneAsync(work, ct);
        await writer.WaitAsync(ct);
        try { return await WriteAloneAsync(work, ct); }
        finally { writer.Release(); }
    }

    private Task<T> WriteAloneAsync<T>(Func<CasesDbContext, Task<T>> work, CancellationToken ct) =>
        RetryAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await BeginAsync(db, ct);
            var result = await work(db);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            committed?.Notify();
            return result;
        }, ct);

    /// <summary>Runs <paramref name="work"/> (any number of service writes) as one transaction; nested calls join the outer one.</summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        if (Ambient.Value is not null) return await work();
        if (writer is not null) await writer.WaitAsync(ct);
        (T, UnitOfWork) outcome;
        try { outcome = await UnitAsync(work, ct); }
        finally { writer?.Release(); }
        var (result, unit) = outcome;
        foreach (var after in unit.AfterCommit) await after();
        return result;
    }

    private Task<(T, UnitOfWork)> UnitAsync<T>(Func<Task<T>> work, CancellationToken ct) =>
        RetryAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await BeginAsync(db, ct);
            var u = new UnitOfWork(db);
            Ambient.Value = u;
            try
            {
                var r = await work();
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                committed?.Notify();
                return (r, u);
            }
            finally { Ambient.Value = null; }
        }, ct);

    /// <summary>Runs <paramref name="action"/> now, or, inside <see cref="InTransactionAsync{T}"/>, once the unit has committed.</summary>
    public Task AfterCommitAsync(Func<Task> action)
    {
        if (Ambient.Value is not { } unit) return action();
        unit.AfterCommit.Add(action);
        return Task.CompletedTask;
    }

    public Task<CasesDbContext> ReadAsync(CancellationToken ct = default) => factory.CreateDbContextAsync(ct);

    private static async Task<T> JoinAsync<T>(UnitOfWork unit, Func<CasesDbContext, Task<T>> work, CancellationToken ct)
    {
        var tx = unit.Db.Database.CurrentTransaction!;
        var savepoint = $"sp{++unit.Savepoints}";
        await tx.CreateSavepointAsync(savepoint, ct);
        try
        {
            var result = await work(unit.Db);
            await unit.Db.SaveChangesAsync(ct);
            await tx.ReleaseSavepointAsync(savepoint, ct);
            return result;
        }
        catch
        {
            await tx.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            unit.Db.ChangeTracker.Clear();
            throw;
        }
    }

    private static Task<IDbContextTransaction> BeginAsync(CasesDbContext db, CancellationToken ct) =>
        db.Database.IsNpgsql() ? db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct) : db.Database.BeginTransactionAsync(ct);

    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken ct)
    {
        for (var n = 1; ; n++)
        {
            try { return await attempt(); }
            catch (Exception e) when (IsTransient(e))
            {
                if (n >= Attempts)
                {
                    if (e is DbUpdateException)
                        throw new Features.Common.ConflictException("Someone else changed this at the same moment; nothing was saved — reload and try again.");
                    throw;
                }
                await Task.Delay(Random.Shared.Next(10, 40) * n * n, ct);
            }
        }
    }

    /// <summary>Failures that a fresh attempt of the whole transaction can get past.</summary>
    private static bool IsTransient(Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        SqliteException { SqliteErrorCode: 5 or 6 } => true,
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        // At READ COMMITTED a concurrent insert of the same key surfaces as a unique violation; the next attempt reads that row
        // and takes the path the write's own checks choose (update it, or refuse with the domain's message).
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => e.InnerException is { } inner && IsTransient(inner),
    };
}
