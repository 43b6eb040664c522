using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Automations;

/// <summary>
/// Schedule rules: on a <see cref="PeriodicTimer"/> over the injected clock, on the one instance holding the
/// <c>automations:scheduler</c> lease, every enabled schedule whose time has come runs its actions on each case its condition
/// selects (at most <see cref="AutomationOptions.ScheduleMaxCases"/>), each case a run of its own. The next firing time is saved
/// before the cases are run, so a crash skips a firing rather than repeating it. Also prunes the run log.
/// </summary>
public sealed class AutomationScheduler(CasesStore store, RuleCatalog catalog, RuleRunner runner, TemplateService templates, ConditionScopes scopes,
    AutomationService service, Leases leases, TimeProvider clock, IOptionsMonitor<AutomationOptions> options, ILogger<AutomationScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.SchedulerPeriodSeconds)), clock);
        do
        {
            try
            {
                if (await leases.TryAcquireAsync("automations:scheduler", TimeSpan.FromSeconds(options.CurrentValue.SchedulerPeriodSeconds * 3), ct: stoppingToken))
                {
                    await RunDueAsync(stoppingToken);
                    await service.PruneRunsAsync(options.CurrentValue.RunRetentionDays, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogError(e, "The automation scheduler failed; it tries again on its next tick"); }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>Fires every schedule that is due now; returns how many runs it made. Tests call this with a fake clock.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<AutomationRule> due;
        await using (var db = await store.ReadAsync(ct))
            due = await db.AutomationRules.AsNoTracking()
                .Where(r => r.Enabled && r.TriggerType == TriggerTypes.Schedule && r.NextRunAt != null && r.NextRunAt <= now)
                .OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        var runs = 0;
        foreach (var rule in due)
        {
            CompiledRule compiled;
            try { compiled = await catalog.CompileAsync(rule, ct); }
            catch (Common.ValidationException e)
            {
                await catalog.DisableAsync(rule, e.Message, ct);
                continue;
            }
            var firing = rule.NextRunAt!.Value;
            var next = compiled.NextAfter(now);
            var claimed = await store.WriteAsync(db => db.AutomationRules.Where(r => r.Id == rule.Id && r.NextRunAt == firing)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.NextRunAt, next), ct), ct);
            if (claimed == 0) continue;   // another instance fired it
            List<(long Id, string PublicId)> cases;
            await using (var db = await store.ReadAsync(ct))
            {
                var test = (await scopes.LoadAsync(ct)).Over(db).Compile(compiled.Condition!);
                var q = db.Cases.AsNoTracking().Where(test);
                if (compiled.Definition.Trigger.Template is { } key)
                {
                    var id = (await templates.ListAsync(ct)).FirstOrDefault(t => t.Key == key)?.Id ?? -1;
                    q = q.Where(c => c.TemplateId == id);
                }
                cases = (await q.OrderBy(c => c.Id).Take(options.CurrentValue.ScheduleMaxCases).Select(c => new { c.Id, c.PublicId }).ToListAsync(ct))
                    .Select(c => (c.Id, c.PublicId)).ToList();
            }
            var trigger = $"schedule {compiled.Definition.Trigger.Cron} ({compiled.TimeZone.Id}) at {firing:yyyy-MM-dd HH:mm} UTC";
            foreach (var (id, publicId) in cases)
            {
                await runner.RunAsync(compiled, new RunSubject(publicId, null, trigger, id), new RunOrigin(null, 0), ct);
                runs++;
            }
        }
        return runs;
    }
}
