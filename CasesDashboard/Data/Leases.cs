using Microsoft.EntityFrameworkCore;

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
        // A row inserted by another instance at the same moment makes the store retry; the retry then sees that holder.
        return await store.WriteAsync(async db =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now + ttl;
            // One conditional statement: two instances taking a lapsed lease at once cannot both succeed.
            var taken = await db.Leases.Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), ct);
            if (taken == 1) return true;
            if (await db.Leases.AnyAsync(l => l.Name == name, ct)) return false;
            db.Leases.Add(new Lease { Name = name, Holder = holder, ExpiresAt = until });
            return true;
        }, ct);
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
