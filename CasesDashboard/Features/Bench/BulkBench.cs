using System.Diagnostics;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Cases.Bulk;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// The grid filtered on a template field, and a bulk action over every case while another user keeps writing: how fast the run
/// goes, and how long the other user's writes wait meanwhile against the same writes on an idle store.
/// </summary>
internal static class BulkBench
{
    private const int OtherWrites = 100;
    private static readonly TimeSpan OtherPace = TimeSpan.FromMilliseconds(20);

    /// <summary>Random template + a value of its first select field (every bench case has one), sorted by SLA, pages 1–3.</summary>
    public static async Task<(List<double> Product, List<double> Baseline)> GridFieldAsync(CaseQuery query, RawBaselines raw,
        IReadOnlyList<TemplateSummary> templates, Actor lead, Random rng)
    {
        var picks = Enumerable.Range(0, 220).Select(_ =>
        {
            var t = templates[rng.Next(templates.Count)];
            var field = t.Definition.Fields.First(f => f.Type == FieldType.Select);
            return (Template: t, Field: field, Value: field.Options[rng.Next(field.Options.Count)], Page: rng.Next(1, 4));
        }).ToList();
        var product = await Stats.TimeAsync(20, 200, i => query.SearchAsync(new CaseFilter
        {
            Template = picks[i].Template.Key, Fields = [new FieldFilter(picks[i].Field.Key, picks[i].Value)],
            Sort = CaseSort.Sla, Descending = false, Page = picks[i].Page, PageSize = 50,
        }, lead, fieldColumns: [picks[i].Field.Key]));
        var baseline = await Stats.TimeAsync(20, 200, i =>
        {
            raw.GridFieldPage(picks[i].Template.Id, FieldSql.PathOf(picks[i].Field.Key), picks[i].Value, (picks[i].Page - 1) * 50);
            return Task.CompletedTask;
        });
        return (product, baseline);
    }

    /// <summary>Tags every case through <see cref="BulkActions"/> while another user comments on random cases every 20 ms.</summary>
    public static async Task<(BenchOperation Bulk, BenchOperation Others)> TagEveryCaseAsync(BenchHost host, Actor lead, Actor other,
        IReadOnlyList<string> caseIds, Random rng)
    {
        var cases = host.Get<CaseService>();
        Task Comment(int i) => cases.AddCommentAsync(caseIds[rng.Next(caseIds.Count)], $"Bench note {i}.", other);
        var idle = await Stats.TimeAsync(10, OtherWrites, Comment);

        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => host.Get<BulkActions>().RunAsync(new MatchingCases(new CaseFilter()), new BulkAddTag("bench-bulk"), lead));
        var during = new List<double>();
        for (var i = 0; !run.IsCompleted; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await Comment(i);
            during.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            await Task.Delay(OtherPace);
        }
        var report = await run;
        var seconds = clock.Elapsed.TotalSeconds;
        var bulk = new BenchOperation("bulk_tag", report.Changed + report.Unchanged, null, null, report.Total / seconds, null,
            report.RefusedCount == 0 ? "ok" : $"{report.RefusedCount} refused", "all cases, ≥ 500 cases/s");
        var median = Stats.Median(during);
        var others = new BenchOperation("bulk_others", during.Count, median, Stats.Percentile(during, 0.95), 1000 / median,
            median / Stats.Median(idle), "ok", "another user's write p95 ≤ 100 ms");
        return (bulk, others);
    }
}
