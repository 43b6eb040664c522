using CasesDashboard.Data;

namespace CasesDashboard.Features.Audit;

/// <summary>
/// A background consumer of the event log: reads the events after its cursor in batches and handles each batch in one
/// transaction together with advancing the cursor. A batch whose handling fails is not advanced past; it is tried again
/// after a pause, so an event is handled at least once and, when the handler writes only to the store, exactly once.
/// With several instances on one database, the one holding the consumer's lease runs it; the others stand by.
/// </summary>
public abstract class EventLogConsumer(string name, EventLog log, CasesStore store, EventLogSignal signal, ILogger logger,
    Leases? leases = null) : BackgroundService
{
    protected virtual int BatchSize => 200;
    protected virtual TimeSpan PollInterval => TimeSpan.FromSeconds(1);
    /// <summary>How long the lease lasts without renewal: another instance takes over this long after this one dies.</summary>
    protected virtual TimeSpan LeaseTime => TimeSpan.FromSeconds(15);
    /// <summary>
    /// How long to let more commits arrive after a wake-up before reading (0: read at once). Under a stream of small changes a
    /// consumer with a fixed cost per batch handles them as one batch instead of one each, at the price of that much delay.
    /// </summary>
    protected virtual TimeSpan Gather => TimeSpan.Zero;

    public string Name => name;

    /// <summary>The store a handler writes through (its writes join the batch's transaction).</summary>
    protected CasesStore Store => store;

    /// <summary>Handles events in order. Writes through the store join the batch's transaction.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct);

    /// <summary>
    /// Runs before the batch's transaction and returns the work to do inside it (by default <see cref="HandleAsync"/>). A consumer
    /// whose handling needs slow reads does them here, so that SQLite's one writer is not held while they run; what it prepared
    /// is dropped if the transaction does not commit.
    /// </summary>
    protected virtual Task<Func<CancellationToken, Task>> PrepareAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct) =>
        Task.FromResult<Func<CancellationToken, Task>>(c => HandleAsync(batch, c));

    /// <summary>Handles everything committed so far; returns how many events it handled. Tests call this instead of running the service.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        var total = 0;
        await log.SettleAsync(ct: ct);
        while (true)
        {
            var from = await log.CursorAsync(name, ct);
            var batch = await log.ReadAsync(from, BatchSize, ct);
            if (batch.Count == 0) return total;
            try
            {
                var handle = await PrepareAsync(batch, ct);
                await store.InTransactionAsync(async () =>
                {
                    // The cursor moves first: it takes the cursor row, so a second instance on the same batch waits and then
                    // finds the cursor moved, instead of doing the work twice. Both commit together or not at all.
                    await log.AdvanceAsync(name, from, batch[^1], ct);
                    await handle(ct);
                    return 0;
                }, ct);
                total += batch.Count;
            }
            catch (CursorMovedException) { }   // another instance handled these events; read on from where it got
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (leases is null || await leases.TryAcquireAsync($"consumer:{name}", LeaseTime, ct: stoppingToken))
                    await CatchUpAsync(stoppingToken);
                if (await signal.WaitAsync(PollInterval, stoppingToken) && Gather > TimeSpan.Zero) await Task.Delay(Gather, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogError(e, "The {Consumer} event consumer failed; it retries the same events", name);
                try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        if (leases is not null)
            try { await leases.ReleaseAsync($"consumer:{name}", ct: ct); }
            catch (Exception e) { logger.LogWarning(e, "Could not release the {Consumer} lease; it lapses on its own", name); }
    }
}
