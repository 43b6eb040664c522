using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>
/// Makes chosen transaction commits fail, to force the interleavings production meets rarely: <see cref="BusyOnCommit"/> answers
/// SQLITE_BUSY (the store retries the whole write), <see cref="CrashOnSave"/> throws at a SaveChanges like a process dying
/// mid-way. Commits and saves are counted from 1 once <see cref="Armed"/> is set.
/// </summary>
public sealed class TestFaults : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private int commits, saves;
    public bool Armed { get; set; }
    public HashSet<int> BusyOnCommit { get; } = [];
    public int? CrashOnSave { get; set; }
    public int Commits => commits;

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (Armed && Interlocked.Increment(ref saves) == CrashOnSave) throw new InvalidOperationException("The process died here (test).");
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken ct = default)
    {
        if (!Armed) return ValueTask.FromResult(result);
        var n = Interlocked.Increment(ref commits);
        if (BusyOnCommit.Contains(n)) throw new SqliteException("database is locked (test)", 5);
        return ValueTask.FromResult(result);
    }
}
