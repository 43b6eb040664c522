using CasesDashboard.Data;

namespace CasesDashboard.Features.Audit;

/// <summary>
/// A background consumer of the event log: reads the events after its cursor in batches and handles each batch in one
/// transaction together with advancing the cursor. A batch whose handling fails is not advanced past; it is tried again
/// after a pause, so an event is handled at least once and, when the handler writes only to the store, exactly once.
/// </summary>
public abstract class EventLogConsumer(string name, EventLog log, CasesStore store, EventLogSignal signal, ILogger logger) : BackgroundService
{
    protected virtual int BatchSize => 200;
    protected virtual TimeSpan PollInterval => TimeSpan.FromSeconds(1);

    public string Name => name;

    /// <summary>Handles events in order. Writes through the store join the batch's transaction.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct);

    /// <summary>Handles everything committed so far; returns how many events it handled. Tests call this instead of running the service.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var batch = await log.ReadAsync(name, BatchSize, ct);
            if (batch.Count == 0) return total;
            await store.InTransactionAsync(async () =>
            {
                await HandleAsync(batch, ct);
                await log.AdvanceAsync(name, batch[^1].Id, ct);
                return 0;
            }, ct);
            total += batch.Count;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogError(e, "The {Consumer} event consumer failed; it retries the same events", name);
                try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
