using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Audit;

/// <summary>How far one consumer of the event log has got: every event at or before it is done.</summary>
public sealed class EventCursor
{
    public string Consumer { get; set; } = "";
    public long Position { get; set; }
    /// <summary>PostgreSQL only: the transaction of the event at <see cref="Position"/> (the cursor is (transaction, id) there).</summary>
    public long TxId { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// The audit table read as a durable, ordered event log (ADR 007). Every change writes its audit events in the same
/// transaction as the change; a consumer (webhook outbox, automations, notifications) reads the events after its cursor
/// and advances the cursor in the same transaction as its own writes, so nothing is lost on a crash and nothing is done
/// twice. On SQLite (one writer) an event's id is its commit order. On PostgreSQL it is not — a lower id can commit after
/// a higher one — so events are read in (writing transaction, id) order and only below the oldest transaction still in
/// flight (<c>pg_snapshot_xmin</c>): an event becomes readable once nothing before it can still commit.
/// </summary>
public sealed class EventLog(CasesStore store, TimeProvider clock)
{
    private const string Settled = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    /// <summary>
    /// Up to <paramref name="max"/> events after <paramref name="consumer"/>'s cursor, in commit order. A consumer reading for
    /// the first time starts at the log's head: it reacts to what happens from then on, not to years of history.
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> ReadAsync(string consumer, int max, CancellationToken ct = default) =>
        await ReadAsync(await CursorAsync(consumer, ct), max, ct);

    /// <summary>Up to <paramref name="max"/> events after <paramref name="cursor"/>, in commit order.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ReadAsync(EventCursor cursor, int max, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        if (!db.Database.IsNpgsql())
            return await db.AuditEvents.AsNoTracking().Where(e => e.Id > cursor.Position).OrderBy(e => e.Id).Take(max).ToListAsync(ct);
        return await db.AuditEvents.FromSqlRaw(
                $$"""SELECT * FROM "AuditEvents" WHERE ("TxId", "Id") > ({0}, {1}) AND "TxId" < {{Settled}} ORDER BY "TxId", "Id" LIMIT {2}""",
                cursor.TxId, cursor.Position, max)
            .AsNoTracking().ToListAsync(ct);
    }

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>, default 5 s) until every transaction that had started when it was called has
    /// ended, so that what has committed by now is readable. Only PostgreSQL needs this: there the oldest transaction still in
    /// flight — in any database of the server — holds the log's readable end back.
    /// </summary>
    public async Task SettleAsync(TimeSpan? timeout = null, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        if (!db.Database.IsNpgsql()) return;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        async Task<long> ScalarAsync(string sql)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
        }
        var target = await ScalarAsync("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
        var waited = System.Diagnostics.Stopwatch.StartNew();   // real time: a test's fake clock must not make this wait forever
        while (await ScalarAsync($"SELECT {Settled}") < target && waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(5)))
            await Task.Delay(10, ct);
    }

    /// <summary>The consumer's cursor; created at the log's head the first time it is asked for.</summary>
    public Task<EventCursor> CursorAsync(string consumer, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var cursor = await db.EventCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Consumer == consumer, ct);
            if (cursor is not null) return cursor;
            cursor = new EventCursor { Consumer = consumer, UpdatedAt = clock.GetUtcNow().UtcDateTime };
            if (db.Database.IsNpgsql())
            {
                var head = await db.AuditEvents.FromSqlRaw($"""SELECT * FROM "AuditEvents" WHERE "TxId" < {Settled} ORDER BY "TxId" DESC, "Id" DESC LIMIT 1""")
                    .AsNoTracking().Select(e => new { e.Id, e.TxId }).SingleOrDefaultAsync(ct);
                (cursor.Position, cursor.TxId) = (head?.Id ?? 0, head?.TxId ?? 0);
            }
            else cursor.Position = await db.AuditEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            db.EventCursors.Add(cursor);
            return cursor;
        }, ct);

    public async Task<long> PositionAsync(string consumer, CancellationToken ct = default) => (await CursorAsync(consumer, ct)).Position;

    /// <summary>
    /// Moves the cursor from <paramref name="from"/> (where the caller read) to <paramref name="to"/>, inside the caller's
    /// transaction (with the consumer's own writes). Refused when the cursor is no longer at <paramref name="from"/> — another
    /// instance handled the same events first — so a batch is never applied twice.
    /// </summary>
    public Task AdvanceAsync(string consumer, EventCursor from, AuditEvent to, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            // Compare-and-set in one statement: it also takes the cursor's row lock until the caller's transaction ends.
            var (position, txId, now) = (to.Id, to.TxId ?? 0, clock.GetUtcNow().UtcDateTime);
            var moved = await db.EventCursors.Where(c => c.Consumer == consumer && c.Position == from.Position && c.TxId == from.TxId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, position).SetProperty(c => c.TxId, txId).SetProperty(c => c.UpdatedAt, now), ct);
            if (moved == 0) throw new CursorMovedException(consumer);
            return 0;
        }, ct);
}

/// <summary>Another consumer instance advanced the cursor first; the batch in hand is stale and is dropped.</summary>
public sealed class CursorMovedException(string consumer) : Exception($"The {consumer} cursor moved while this batch was handled.");
