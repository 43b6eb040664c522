using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CasesDashboard.Data;

/// <summary>Who runs a piece of background work, until when (one row per job). An expired lease is taken over by another instance.</summary>
public sealed class Lease
{
    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}

/// <summary>
/// Makes background work (event consumers, the SLA monitor, schedules) run on one instance at a time when several share a
/// database: the holder renews its lease while it works; when it stops (or dies) the lease lapses and another takes over.
/// With one instance (the SQLite default) the lease is simply always its own.
/// </summary>
public sealed class Leases(CasesStore store, TimeProvider clock)
{
    /// <summary>This process, as a lease holder.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Takes or renews <paramref name="name"/> for <paramref name="ttl"/>; false when another live holder has it.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan ttl, string? holder = null, CancellationToken ct = default)
    {
        holder ??= Instance;
        try
        {
            return await store.WriteAsync(async db =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var lease = await db.Leases.FindAsync([name], ct);
                if (lease is not null && lease.Holder != holder && lease.ExpiresAt > now) return false;
                lease ??= db.Leases.Add(new Lease { Name = name }).Entity;
                (lease.Holder, lease.ExpiresAt) = (holder, now + ttl);
                return true;
            }, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                                           or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 })
        {
            return false;   // another instance created the lease row at the same moment
        }
    }

    /// <summary>Gives the lease up at once (a clean stop), so another instance need not wait for it to lapse.</summary>
    public Task ReleaseAsync(string name, string? holder = null, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            holder ??= Instance;
            await db.Leases.Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(ct);
            return 0;
        }, ct);

    public async Task<string?> HolderAsync(string name, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Leases.Where(l => l.Name == name && l.ExpiresAt > now).Select(l => l.Holder).SingleOrDefaultAsync(ct);
    }
}
