using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Queues;

/// <summary>
/// The queues, cached: every case write that routes and every queue page reads them. Dropped when an admin changes a queue,
/// here and (through the <see cref="ClusterBus"/>) on the other instances, as <see cref="Templates.TemplateService"/> does.
/// </summary>
public sealed class QueueDirectory
{
    private const string ChangedKind = "queues-changed";
    private readonly CasesStore store;
    private readonly ClusterBus? bus;
    private sealed record Cached(long Generation, IReadOnlyList<QueueInfo> Queues);
    private volatile Cached? cached;
    private long generation;

    public QueueDirectory(CasesStore store, ClusterBus? bus = null)
    {
        (this.store, this.bus) = (store, bus);
        if (bus is not null) bus.Received += m => { if (m.Kind is ChangedKind or ClusterBus.Resync) Forget(); return Task.CompletedTask; };
    }

    /// <summary>Every queue, archived ones included, in routing order.</summary>
    public async Task<IReadOnlyList<QueueInfo>> AllAsync(CancellationToken ct = default)
    {
        var current = Interlocked.Read(ref generation);
        if (cached is { } c && c.Generation == current) return c.Queues;
        await using var db = await store.ReadAsync(ct);
        var rows = await db.Queues.AsNoTracking().Include(q => q.Members).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(ct);
        var queues = rows.Select(ToInfo).ToList();
        cached = new Cached(current, queues);
        return queues;
    }

    public async Task<QueueInfo?> FindAsync(string publicId, CancellationToken ct = default) =>
        (await AllAsync(ct)).FirstOrDefault(q => q.PublicId == publicId);

    public async Task<QueueInfo> GetAsync(string publicId, CancellationToken ct = default) =>
        await FindAsync(publicId, ct) ?? throw new NotFoundException("Case queue", publicId);

    public async Task<QueueInfo?> ByIdAsync(int? id, CancellationToken ct = default) =>
        id is null ? null : (await AllAsync(ct)).FirstOrDefault(q => q.Id == id);

    /// <summary>Public id → row id, for conditions on <c>case_queue</c>.</summary>
    public async Task<IReadOnlyDictionary<string, int>> IdsAsync(CancellationToken ct = default) =>
        (await AllAsync(ct)).ToDictionary(q => q.PublicId, q => q.Id);

    /// <summary>Forgets the list here and on the other instances (after an admin's change).</summary>
    public void Invalidate()
    {
        Forget();
        if (bus is not null) _ = bus.BroadcastAsync(ChangedKind, "");
    }

    public void Forget() => Interlocked.Increment(ref generation);

    internal static QueueInfo ToInfo(Queue q) => new(q.Id, q.PublicId, q.Key, q.Name, q.Description, q.Position, q.ConditionsJson,
        Conditions(q), q.SortOrder, q.Policy, q.MaxOpenPerAnalyst, q.SkipAway, q.Archived, q.Revision, q.UpdatedAt, q.UpdatedBy,
        q.Members.OrderBy(m => m.Position).ThenBy(m => m.UserId).Select(m => m.UserId).ToList());

    /// <summary>The stored condition, or null when there is none or it no longer reads (the admin page shows why).</summary>
    private static CasePredicate? Conditions(Queue q)
    {
        if (string.IsNullOrWhiteSpace(q.ConditionsJson)) return null;
        try { return CasePredicateJson.Parse(q.ConditionsJson, "conditions"); }
        catch (MalformedInputException) { return null; }
    }
}
