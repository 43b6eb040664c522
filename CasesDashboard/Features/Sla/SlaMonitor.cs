using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Sla;

/// <summary>What one sweep recorded.</summary>
public sealed record SlaSweep(int Breached, int AtRisk);

/// <summary>
/// Records each SLA breach (and each at-risk warning) exactly once: reads only running cases that are due, by the indexed
/// (<c>SlaStage</c>, <c>SlaExpiresAt</c>) pair, and moves each one's stage with a single conditional statement — only if its stage
/// and due time are still what was read — in the same transaction as its <c>case.sla-expired</c> / <c>case.sla-at-risk</c> audit
/// row. A second sweep, a restart, another instance, or a sweep hours late finds nothing left to record twice and nothing
/// missed (the query is "due by now", not "due since the last run"). One instance sweeps at a time (a lease); the audit rows
/// feed the event log (webhooks, notifications) and the changes are published to open pages.
/// </summary>
public sealed class SlaMonitor(CasesStore store, SlaRules rules, CaseEvents events, Leases leases, TimeProvider clock,
    IOptions<SlaOptions> options, ILogger<SlaMonitor> logger) : BackgroundService
{
    public const string LeaseName = "sla-monitor";
    private static readonly Actor Monitor = Actor.System("SLA monitor");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.MonitorPeriod;
        using var timer = new PeriodicTimer(period, clock);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync(LeaseName, period * 3, ct: stoppingToken)) await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogError(e, "The SLA monitor's sweep failed; the next tick tries again"); }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>Records every breach and at-risk warning due by now. Tests call this directly.</summary>
    public async Task<SlaSweep> SweepAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var breached = await MarkAsync(c => (c.SlaStage == SlaStage.Running || c.SlaStage == SlaStage.AtRisk) && c.SlaExpiresAt <= now,
            SlaStage.Breached, CaseEventTypes.SlaExpired, now, ct);
        var soon = now + rules.AtRiskWindow;
        var atRisk = await MarkAsync(c => c.SlaStage == SlaStage.Running && c.SlaExpiresAt > now && c.SlaExpiresAt <= soon,
            SlaStage.AtRisk, CaseEventTypes.SlaAtRisk, now, ct);
        return new SlaSweep(breached, atRisk);
    }

    private async Task<int> MarkAsync(System.Linq.Expressions.Expression<Func<Case, bool>> due, SlaStage to, string type, DateTime now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var changes = await store.WriteAsync(async db =>
            {
                var found = await db.Cases.AsNoTracking().Where(due).OrderBy(c => c.SlaExpiresAt).ThenBy(c => c.Id).Take(options.Value.MonitorBatch)
                    .Select(c => new { c.Id, c.PublicId, c.Name, c.Version, c.SlaStage, c.SlaExpiresAt }).ToListAsync(ct);
                var marked = new List<CaseChanged>();
                foreach (var c in found)
                {
                    // Only if nothing moved it since it was read: a change re-timing it, another sweep marking it.
                    var moved = await db.Cases.Where(x => x.Id == c.Id && x.SlaStage == c.SlaStage && x.SlaExpiresAt == c.SlaExpiresAt)
                        .ExecuteUpdateAsync(u => u.SetProperty(x => x.SlaStage, to), ct);
                    if (moved == 0) continue;
                    var dueText = c.SlaExpiresAt.ToString("yyyy-MM-ddTHH:mm:ss'Z'");
                    var e = AuditEvent.By(Monitor, now, type, c.Id, field: "sla", oldValue: Stage(c.SlaStage), newValue: Stage(to), detail: dueText);
                    // Not an edit: no case version (the case's stays, so nobody's open edit turns stale; webhooks send it on its own).
                    db.AuditEvents.Add(e);
                    marked.Add(new CaseChanged(c.PublicId, c.Name, type, Monitor.Type, Monitor.Id, Monitor.Name, now, c.Version,
                        [new CaseChange("sla", Stage(c.SlaStage), Stage(to), type, dueText)]));
                }
                return (found.Count, marked);
            }, ct);
            foreach (var change in changes.marked) await store.AfterCommitAsync(() => events.PublishAsync(change));
            total += changes.marked.Count;
            if (changes.Item1 < options.Value.MonitorBatch || changes.marked.Count == 0) return total;
        }
    }

    private static string Stage(SlaStage s) => s switch
    {
        SlaStage.AtRisk => "at risk",
        SlaStage.Breached => "breached",
        _ => "on track",
    };

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        try { await leases.ReleaseAsync(LeaseName, ct: ct); }
        catch (Exception e) { logger.LogWarning(e, "Could not release the SLA monitor's lease; it lapses on its own"); }
    }
}
