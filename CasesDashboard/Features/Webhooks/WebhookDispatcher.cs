using System.Diagnostics;
using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// Sends due deliveries, apart from every request that changes a case: a background loop on a <see cref="PeriodicTimer"/> (and
/// woken when the outbox queues something), on the one instance holding its lease. Up to <c>Concurrency</c> deliveries are in
/// flight at once, but a delivery waits while an earlier one of the same subscription and case is still pending or retrying
/// (head of line), so each receiver sees a case's events in order; other cases go on. As attempts finish,
/// <see cref="WebhookAttemptLog"/> records them (those finished together in one write) and schedules what follows in the database,
/// so a restart resumes the schedule.
/// </summary>
public sealed class WebhookDispatcher(CasesStore store, WebhookSender sender, WebhookAttemptLog attempts, WebhookSignal wake, Leases leases,
    IOptionsMonitor<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string LeaseName = "webhooks:dispatcher";
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);
    /// <summary>How long one round may start new sends before the lease is renewed (a send lasts at most the attempt timeout).</summary>
    private static readonly TimeSpan RoundBudget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(10);
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    /// <summary>Sends every delivery due now, and those that become due as earlier ones finish, until none is; returns the attempts made. Tests call this instead of running the service.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default) => (await RoundAsync(null, ct)).Attempts;

    private async Task<(int Attempts, bool OutOfTime)> RoundAsync(TimeSpan? budget, CancellationToken ct)
    {
        var inFlight = new Dictionary<long, Task<(DueDelivery, AttemptResult)>>();
        var started = Stopwatch.StartNew();
        var made = 0;
        try
        {
            while (true)
            {
                var open = options.CurrentValue.Concurrency - inFlight.Count;
                var outOfTime = started.Elapsed > budget;
                if (open > 0 && !outOfTime)
                    foreach (var due in await DueAsync(open, inFlight.Keys, ct))
                        inFlight.Add(due.Id, AttemptAsync(due, ct));
                if (inFlight.Count == 0) return (made, outOfTime);
                await Task.WhenAny(inFlight.Values);
                // Sends that finish within a moment of each other are recorded in one write (SQLite has one writer, and a busy
                // store makes each write wait its turn); only then may the next delivery of their cases go.
                if (inFlight.Values.Any(t => !t.IsCompleted)) await Task.WhenAny(Task.WhenAll(inFlight.Values), Task.Delay(Gather, ct));
                var finished = new List<(DueDelivery, AttemptResult)>();
                foreach (var (id, send) in inFlight.Where(x => x.Value.IsCompleted).ToList())
                {
                    inFlight.Remove(id);
                    finished.Add(await send);
                }
                await attempts.RecordAsync(finished, ct);
                made += finished.Count;
            }
        }
        catch when (inFlight.Count > 0)
        {
            // Let the other sends finish before anyone looks for due deliveries again (they are still pending).
            try { await Task.WhenAll(inFlight.Values); } catch { }
            throw;
        }
    }

    private async Task<(DueDelivery, AttemptResult)> AttemptAsync(DueDelivery due, CancellationToken ct)
    {
        await Task.Yield();
        return (due, await sender.SendAsync(due, ct));
    }

    /// <summary>Pending deliveries due now, oldest first, skipping those in flight and those behind an earlier pending one of their subscription and case.</summary>
    private async Task<List<DueDelivery>> DueAsync(int max, IEnumerable<long> inFlight, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var busy = inFlight.ToList();
        await using var db = await store.ReadAsync(ct);
        var rows = await (
                from d in db.WebhookDeliveries
                join s in db.WebhookSubscriptions on d.SubscriptionId equals s.Id
                where d.State == DeliveryState.Pending && d.NextAttemptAt <= now && (s.Enabled || d.IsTest) && !busy.Contains(d.Id)
                      && (d.CaseId == null || !db.WebhookDeliveries.Any(e =>
                          e.SubscriptionId == d.SubscriptionId && e.CaseId == d.CaseId && e.State == DeliveryState.Pending && e.Id < d.Id))
                orderby d.NextAttemptAt, d.Id
                select new { d.Id, d.PublicId, d.EventName, d.Body, d.AttemptsMade, d.MaxAttempts, d.FirstAttemptedAt, d.IsTest, Subscription = s })
            .AsNoTracking().Take(max).ToListAsync(ct);
        return rows.Select(r => new DueDelivery(r.Id, r.PublicId, r.EventName, r.Body, r.AttemptsMade, r.MaxAttempts, r.FirstAttemptedAt, r.IsTest, r.Subscription)).ToList();
    }

    /// <summary>Deletes delivered and given-up deliveries (with their attempts) older than <c>RetentionDays</c>, a thousand at a time.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.CurrentValue.RetentionDays);
        var total = 0;
        while (await store.WriteAsync(async db =>
               {
                   var ids = await db.WebhookDeliveries.Where(d => d.CompletedAt < cutoff).OrderBy(d => d.CompletedAt).Select(d => d.Id).Take(1000).ToListAsync(ct);
                   await db.WebhookAttempts.Where(a => ids.Contains(a.DeliveryId)).ExecuteDeleteAsync(ct);
                   return await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(ct);
               }, ct) is var deleted and > 0)
            total += deleted;
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.DispatcherPeriod, clock);
        Task<bool>? tick = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                if (await leases.TryAcquireAsync(LeaseName, LeaseTime, ct: stoppingToken))
                {
                    more = (await RoundAsync(RoundBudget, stoppingToken)).OutOfTime;
                    if (clock.GetUtcNow() - lastPrune > PruneEvery)
                    {
                        lastPrune = clock.GetUtcNow();
                        await PruneAsync(stoppingToken);
                    }
                }
            }
            // Whatever a send in flight throws while the app stops (a refused connection, a cancelled read) is the stop, not a
            // failure: nothing was recorded for it, so the delivery is still pending and is sent after the next start.
            catch (Exception) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogError(e, "Sending webhooks failed; the deliveries stay queued and are tried again"); }
            if (!more) tick = await WaitAsync(timer, tick, stoppingToken);
        }
    }

    /// <summary>Until the timer ticks or the outbox queues something; returns the timer's wait if it is still running.</summary>
    private async Task<Task<bool>?> WaitAsync(PeriodicTimer timer, Task<bool>? tick, CancellationToken ct)
    {
        tick ??= timer.WaitForNextTickAsync(ct).AsTask();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pulse = wake.WaitAsync(Timeout.InfiniteTimeSpan, stop.Token);
        var first = await Task.WhenAny(tick, pulse);
        await stop.CancelAsync();
        try { await pulse; } catch (OperationCanceledException) { }
        return first == tick ? null : tick;
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        try { await leases.ReleaseAsync(LeaseName, ct: ct); }
        catch (Exception e) { logger.LogWarning(e, "Could not release the webhook dispatcher's lease; it lapses on its own"); }
    }
}
