using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Audit;

/// <summary>How far one consumer of the event log has got: every event with a position at or below it is done.</summary>
public sealed class EventCursor
{
    public string Consumer { get; set; } = "";
    public long Position { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// The audit table read as a durable, ordered event log (ADR 005). Every change writes its audit events in the same
/// transaction as the change; a consumer (webhook outbox, automations, notifications) reads the events after its cursor
/// and advances the cursor in the same transaction as its own writes, so nothing is lost on a crash and nothing is done
/// twice. On SQLite (one writer) an event's id is its commit order, so "id above the cursor" is exactly "not seen yet".
/// </summary>
public sealed class EventLog(CasesStore store, TimeProvider clock)
{
    /// <summary>
    /// Up to <paramref name="max"/> events after <paramref name="consumer"/>'s cursor, oldest first. A consumer reading for the
    /// first time starts at the log's head: it reacts to what happens from then on, not to years of history.
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> ReadAsync(string consumer, int max, CancellationToken ct = default)
    {
        var position = await PositionAsync(consumer, ct);
        await using var db = await store.ReadAsync(ct);
        return await db.AuditEvents.AsNoTracking().Where(e => e.Id > position).OrderBy(e => e.Id).Take(max).ToListAsync(ct);
    }

    /// <summary>The consumer's cursor; created at the log's head the first time it is asked for.</summary>
    public Task<long> PositionAsync(string consumer, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var cursor = await db.EventCursors.FindAsync([consumer], ct);
            if (cursor is not null) return cursor.Position;
            var head = await db.AuditEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            db.EventCursors.Add(new EventCursor { Consumer = consumer, Position = head, UpdatedAt = clock.GetUtcNow().UtcDateTime });
            return head;
        }, ct);

    /// <summary>Moves the cursor to <paramref name="position"/>, inside the caller's transaction (with the consumer's own writes).</summary>
    public Task AdvanceAsync(string consumer, long position, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var cursor = await db.EventCursors.FindAsync([consumer], ct)
                ?? db.EventCursors.Add(new EventCursor { Consumer = consumer }).Entity;
            if (position < cursor.Position) throw new InvalidOperationException($"The {consumer} cursor cannot move back ({cursor.Position} → {position}).");
            (cursor.Position, cursor.UpdatedAt) = (position, clock.GetUtcNow().UtcDateTime);
            return 0;
        }, ct);
}
