using System.Diagnostics;
using CasesDashboard.Features.Analytics;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// The analytics and SLA rows. <c>analytics_cold</c>: the dashboard's first report after the load (default filter: the last 30
/// days, every template), one run; <c>analytics_warm</c>: the same report again, repeatedly. Both against the hand-written SQL
/// aggregates of the same figures (<see cref="RawBaselines.AnalyticsAggregates"/>). <c>sla_recompute</c>: a business-hours policy
/// saved on one template, its open cases re-timed per second.
/// </summary>
public static class AnalyticsBench
{
    public static async Task<IReadOnlyList<BenchOperation>> RunAsync(BenchHost host, RawBaselines raw, Actor lead, IReadOnlyList<TemplateSummary> templates)
    {
        var analytics = host.Get<AnalyticsService>();
        var clock = host.Get<TimeProvider>();
        var to = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = to.AddDays(-(AnalyticsService.DefaultDays - 1));

        var start = Stopwatch.GetTimestamp();
        await analytics.ReportAsync(new AnalyticsFilter(), lead);
        var cold = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        start = Stopwatch.GetTimestamp();
        raw.AnalyticsAggregates(from, to);
        var coldBase = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        var warm = await Stats.TimeAsync(2, 20, _ => analytics.ReportAsync(new AnalyticsFilter(), lead));
        var warmBase = await Stats.TimeAsync(2, 20, _ => { raw.AnalyticsAggregates(from, to); return Task.CompletedTask; });

        // SLA re-timing: a Mon–Fri 09:00–17:00 Europe/Berlin policy, pausing in an intermediate status, on the template with the most statuses.
        var template = templates.OrderByDescending(t => t.Definition.Statuses.Count).First();
        var policies = host.Get<SlaPolicyService>();
        var admin = Actor.System("bench");
        var pause = template.Definition.Statuses.FirstOrDefault(s => s.Type == StatusType.Intermediate)?.Key;
        // The seeded policies may already cover the template: the bench's policy then replaces that one (the bench's store is its own).
        var existing = (await policies.ListAsync()).FirstOrDefault(p => p.TemplateKey == template.Key && p.Priority is null && p.QueueId is null);
        var id = await policies.SaveAsync(existing?.Id, new SlaPolicyInput(template.Key, new SlaTarget(3, SlaUnit.BusinessDays),
            Calendar: new BusinessCalendar { TimeZone = "Europe/Berlin", Holidays = ["2026-12-25", "2026-12-26"] },
            PauseStatuses: pause is null ? [] : [pause]), existing?.Version, admin);
        start = Stopwatch.GetTimestamp();
        var retimed = await policies.RecomputeAsync(template.Id);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (existing is null) await policies.DeleteAsync(id, admin);

        return
        [
            new BenchOperation("analytics_cold", 1, cold, cold, 1000 / cold, cold / coldBase, "ok", "≤ 300 ms"),
            new BenchOperation("analytics_warm", warm.Count, Stats.Median(warm), Stats.Percentile(warm, 0.95), 1000 / Stats.Median(warm),
                Stats.Median(warm) / Stats.Median(warmBase), "ok", "≤ 20 ms"),
            new BenchOperation("sla_recompute", retimed, seconds * 1000 / Math.Max(1, retimed), null, retimed / Math.Max(seconds, 1e-6), null, "ok",
                "cases re-timed per second"),
        ];
    }
}
