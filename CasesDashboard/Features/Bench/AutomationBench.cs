using System.Diagnostics;
using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// Automations in the bench:
/// <list type="bullet">
/// <item><c>automation_eval</c>: 50 enabled rules (conditions over status, priority, tags, template, fields and linked reports) tested on
/// batches of 500 of the bench's cases as the engine tests a batch — one query per rule — in (rule, case) evaluations per second; ÷ baseline
/// = that over reading the same cases by id once per rule without any condition.</item>
/// <item><c>automation_latency</c>: on the API bench's app (the engine running as in production) while 16 API clients create cases, a tag
/// is added to a case and a rule on that tag sets its priority; from the tag's commit to the rule's run committed. ÷ baseline = that
/// over the tag write's own time.</item>
/// </list>
/// </summary>
public static class AutomationBench
{
    public const int Rules = 50;
    private const int BatchCases = 500;
    private const string LatencyTag = "bench-latency";

    public static async Task<BenchOperation> EvalAsync(BenchHost host)
    {
        var service = host.Get<AutomationService>();
        var admin = Actor.System("bench");
        string[] priorities = ["low", "normal", "high", "urgent"];
        // A store a previous run left (bench --skip ingest) has the rules, switched off: they are switched on again.
        var existing = (await service.ListAsync()).ToDictionary(r => r.Name, r => r.Id);
        for (var i = 0; i < Rules; i++)
        {
            var condition = (i % 5) switch
            {
                0 => $$"""{"and": [{"attribute": "priority", "operator": "eq", "value": "{{priorities[i % 4]}}"}, {"attribute": "state", "operator": "eq", "value": "open"}]}""",
                1 => $$"""{"attribute": "tags", "operator": "contains", "value": "tag-{{i}}"}""",
                2 => """{"and": [{"attribute": "template", "operator": "eq", "value": "DOR"}, {"attribute": "reports.match_count", "operator": "gt", "value": 0}]}""",
                3 => """{"or": [{"attribute": "priority", "operator": "in", "value": ["high", "urgent"]}, {"not": {"attribute": "assignee", "operator": "eq", "value": null}}]}""",
                _ => """{"and": [{"attribute": "template", "operator": "eq", "value": "TMR"}, {"attribute": "state", "operator": "eq", "value": "open"}]}""",
            };
            if (existing.TryGetValue($"bench rule {i:00}", out var id)) await service.SetEnabledAsync(id, true, admin);
            else await service.CreateAsync(new RuleInput($"bench rule {i:00}", RuleDefinition.FromJson(
                $$"""{"trigger": {"type": "comment_added"}, "condition": {{condition}}, "actions": [{"type": "add_tag", "tag": "bench-{{i}}"}]}""")), admin);
        }
        List<long> ids;
        await using (var db = await host.Get<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync())
            ids = await db.Cases.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var rng = new Random(11);
        List<long> Batch(int _) => Enumerable.Range(0, BatchCases).Select(_ => ids[rng.Next(ids.Count)]).Distinct().ToList();
        var probe = host.Get<AutomationBenchProbe>();
        var batches = Enumerable.Range(0, 40).Select(Batch).ToList();
        var times = await Stats.TimeAsync(5, 30, i => probe.EvaluateAsync([TriggerTypes.CommentAdded], batches[i]));
        var floor = await Stats.TimeAsync(5, 30, i => probe.ReadOnlyAsync(Rules, batches[i]));
        var perBatch = batches.Average(b => b.Count) * Rules;
        var rate = perBatch / (Stats.Median(times) / 1000);
        var floorRate = perBatch / (Stats.Median(floor) / 1000);
        // The bench rules stay, disabled, so the API runs after this are not weighed by them.
        foreach (var r in await service.ListAsync())
            if (r.Name.StartsWith("bench rule", StringComparison.Ordinal)) await service.SetEnabledAsync(r.Id, false, admin);
        return new BenchOperation("automation_eval", times.Count, Stats.Median(times), Stats.Percentile(times, 0.95), rate, rate / floorRate, "ok", "≥ 50,000/s");
    }

    public static async Task<BenchOperation> LatencyAsync(ApiBench api, int load, int samples = 100)
    {
        var admin = Actor.System("bench");
        var rules = api.Get<AutomationService>();
        if ((await rules.ListAsync()).FirstOrDefault(r => r.Name == "bench latency") is { } again) await rules.SetEnabledAsync(again.Id, true, admin);
        else await rules.CreateAsync(new RuleInput("bench latency", RuleDefinition.FromJson(
            $$"""{"trigger": {"type": "tag_added", "tag": "{{LatencyTag}}"}, "actions": [{"type": "set_priority", "priority": "urgent"}]}""")), admin);
        var factory = api.Get<IDbContextFactory<CasesDbContext>>();
        var cases = api.Get<CaseService>();
        var lead = new Actor(ActorType.ApiKey, "key_bench", "bench", new HashSet<string> { Roles.Lead });
        var ids = new List<string>();
        for (var i = 0; i < samples; i++) ids.Add(await cases.CreateAsync(new NewCase("DOR"), lead));

        var latencies = new List<double>(samples);
        var writes = new List<double>(samples);
        var background = api.PostCasesAsync(load);   // the bench's other load
        foreach (var id in ids)
        {
            var start = Stopwatch.GetTimestamp();
            await cases.AddTagAsync(id, LatencyTag, lead);
            writes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            var committed = Stopwatch.GetTimestamp();
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                await using var db = await factory.CreateDbContextAsync();
                if (await db.AutomationRuns.AnyAsync(r => r.CasePublicId == id && r.RuleName == "bench latency")) break;
                await Task.Delay(2);
            }
            latencies.Add(Stopwatch.GetElapsedTime(committed).TotalMilliseconds);
        }
        await background;
        var median = Stats.Median(latencies);
        return new BenchOperation("automation_latency", samples, median, Stats.Percentile(latencies, 0.95), 1000 / median, median / Stats.Median(writes), "ok", "p95 ≤ 200 ms");
    }
}
