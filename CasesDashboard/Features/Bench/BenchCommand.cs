using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using Microsoft.EntityFrameworkCore;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// <c>dotnet run -c Release --project CasesDashboard -- bench [--cases N] [--db PATH | --provider postgres --connection "…"] [--json FILE]</c>:
/// loads N cases through the product's services, times what users and systems do, and compares each figure with
/// the raw store (hand-written SQL) measured in the same run, on SQLite (default) or PostgreSQL.
/// </summary>
public static class BenchCommand
{
    private const int BatchSize = 1_000;
    private const int ComparableCases = 20_000;

    public static async Task<int> RunAsync(string[] args)
    {
        int cases = 1_000_000;
        string? db = null, json = null, connection = null;
        var provider = StoreProvider.Sqlite;
        var skip = new HashSet<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n > 0: cases = n; i++; break;
                case "--db" when i + 1 < args.Length: db = args[++i]; break;
                case "--json" when i + 1 < args.Length: json = args[++i]; break;
                case "--provider" when i + 1 < args.Length && Enum.TryParse<StoreProvider>(args[i + 1], ignoreCase: true, out var p): provider = p; i++; break;
                case "--connection" when i + 1 < args.Length: connection = args[++i]; break;
                case "--skip" when i + 1 < args.Length && args[i + 1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is var groups
                                                       && groups.All(Skippable.Contains):
                    skip.UnionWith(groups); i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.\n{Usage}");
                    return 2;
            }
        }
        if (provider == StoreProvider.Postgres && connection is null)
        {
            Console.Error.WriteLine($"--provider postgres needs --connection \"Host=…;Database=cases_bench;Username=…;Password=…\".\n{Usage}");
            return 2;
        }
        var store = provider == StoreProvider.Postgres
            ? new StoreConnection(provider, connection!)
            : BenchHost.Sqlite(db ?? Path.Combine(Path.GetTempPath(), $"cases-bench-{cases}.db"));
        if (skip.Contains("ingest") && !store.IsPostgres && !File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(store.ConnectionString).DataSource))
        {
            Console.Error.WriteLine($"--skip ingest measures the store a previous run left; there is none at {store.ConnectionString}.\n{Usage}");
            return 2;
        }
        Console.WriteLine($"Bench: {(skip.Contains("ingest") ? "the cases already" : $"{cases:N0} cases")} in {(store.IsPostgres ? $"PostgreSQL database {new Npgsql.NpgsqlConnectionStringBuilder(store.ConnectionString).Database}" : store.ConnectionString)}"
            + (Debugger.IsAttached ? "" : $" ({(IsRelease ? "Release" : "Debug build: figures are pessimistic")})"));

        var measured = await MeasureAsync(cases, store, skip);
        var report = measured with { Operations = measured.Operations.Select(o => o.Finite()).ToList() };
        Print(report);
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"Wrote {json}");
        }
        return 0;
    }

    private const string Usage = "Usage: bench [--cases N] [--db PATH | --provider postgres --connection \"…\"] [--json FILE] [--skip ingest,field,analytics,api,bulk]";

    /// <summary>
    /// Row groups a run may leave out (<c>--skip</c>), for a quick look at a large store: <c>ingest</c> (measure the store a previous
    /// run left at <c>--db</c> / <c>--connection</c> as it is, instead of a new one), <c>field</c> (grid_field: unindexed), <c>analytics</c>
    /// (the dashboard and SLA rows), <c>api</c> (api_list, api_create, the webhook rows, automation_latency: they add cases) and
    /// <c>bulk</c> (bulk_tag, bulk_others: they change every case, ~15 min at 1,000,000).
    /// </summary>
    private static readonly HashSet<string> Skippable = ["ingest", "field", "analytics", "api", "bulk"];

    private static bool IsRelease =>
        typeof(BenchCommand).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];

    private static async Task<BenchReport> MeasureAsync(int total, StoreConnection store, IReadOnlySet<string> skip)
    {
        await using var host = skip.Contains("ingest") ? await BenchHost.OpenAsync(store) : await BenchHost.CreateAsync(store);
        var templates = await host.Get<TemplateService>().ListAsync();
        var people = (await host.Get<UserDirectory>().AllAsync()).ToDictionary(u => u.Id);
        var workers = people.Values.Where(u => u.CanWork).ToList();
        var importer = new Actor(ActorType.System, "bench", "bench import", new HashSet<string> { Roles.Admin });
        var dataset = new BenchDataset(templates, workers, DateTime.UtcNow);

        var reuse = skip.Contains("ingest");
        List<BenchOperation> ingestRows = [];
        if (reuse) total = await CountCasesAsync(host);
        else ingestRows = [await IngestAsync(host, store, total, dataset, people, importer)];
        var batchCount = (total + BatchSize - 1) / BatchSize;
        var bytesPerCase = await host.CheckpointedBytesAsync() / (double)total;

        var query = host.Get<CaseQuery>();
        var raw = host.Raw;
        var lead = new Actor(ActorType.User, people.Values.First(u => u.Roles.Contains(Roles.Lead)).Id, "bench lead", new HashSet<string> { Roles.Lead });

        // Grid: random template + status, sorted by SLA due, page 50, first three pages.
        var rng = new Random(7);
        var grid = Enumerable.Range(0, 220).Select(_ =>
        {
            var t = templates[rng.Next(templates.Count)];
            return (Template: t, Status: t.Definition.Statuses[rng.Next(t.Definition.Statuses.Count)].Key, Page: rng.Next(1, 4));
        }).ToList();
        var gridTimes = await Stats.TimeAsync(20, 200, i => query.SearchAsync(new CaseFilter
        {
            Template = grid[i].Template.Key, Status = grid[i].Status, Sort = CaseSort.Sla, Descending = false, Page = grid[i].Page, PageSize = 50,
        }, lead));
        var gridBase = await Stats.TimeAsync(20, 200, i => { raw.GridPage(grid[i].Template.Id, grid[i].Status, (grid[i].Page - 1) * 50); return Task.CompletedTask; });

        // Case page: random cases, everything the page shows.
        var ids = await SampleCaseIdsAsync(host, 330, rng);
        var caseTimes = await Stats.TimeAsync(30, 300, i => query.GetAsync(ids[i], lead));
        var caseBase = await Stats.TimeAsync(30, 300, i => { raw.CasePage(ids[i]); return Task.CompletedTask; });

        // Search: parts of emails, last names and reference ids of random cases, typed into the grid (newest first, page 50).
        var terms = await SearchTerms.SampleAsync(host, 220, rng);
        var searchTimes = await Stats.TimeAsync(20, 200, i => query.SearchAsync(new CaseFilter { Text = terms[i], PageSize = 50 }, lead));
        var searchBase = await Stats.TimeAsync(20, 200, i => { raw.GridSearch(terms[i]); return Task.CompletedTask; });

        // Queues: one analyst's counts, then 20 analysts pressing Next case at once.
        var queueCounts = await QueueBench.QueueCountsAsync(host, raw);
        var (claimNext, claimCheck) = await QueueBench.ClaimNextAsync(host, raw);

        // The grid filtered on a template field (json_extract on FieldsJson, no index).
        List<BenchOperation> fieldRows = [];
        if (!skip.Contains("field"))
        {
            var (fieldTimes, fieldBase) = await BulkBench.GridFieldAsync(query, raw, templates, lead, rng);
            fieldRows = [Latency("grid_field", fieldTimes, fieldBase, "measured: unindexed (ADR 011)")];
        }

        // Automations: 50 rules' conditions over batches of the loaded cases.
        var automationEval = await AutomationBench.EvalAsync(host);

        // The dashboard, cold then warm, and re-timing a template's open cases under a business-hours policy.
        var analyticsRows = skip.Contains("analytics") ? [] : await AnalyticsBench.RunAsync(host, raw, lead, templates);

        // The API through Kestrel on loopback: lists first (on the loaded data), then creates.
        List<BenchOperation> apiRows = [];
        if (!skip.Contains("api"))
        {
            await using var api = await ApiBench.StartAsync(host.Store);
            var apiList = await api.ListAsync(templates, raw, 200);
            var count = Math.Clamp(total / 20, 1_000, 5_000);
            var apiCreate = await api.CreateAsync(count);
            var webhooks = await WebhookBench.RunAsync(api, apiCreate, count, i => dataset.Batch(batchCount + i, BatchSize), importer);
            apiRows = [await AutomationBench.LatencyAsync(api, count), apiCreate, apiList, .. webhooks];
        }

        // Last, as it changes every case: a bulk action over all of them while another user writes.
        var analyst = people.Values.First(u => u.Roles.Contains(Roles.Analyst));
        List<BenchOperation> bulkRows = [];
        if (!skip.Contains("bulk"))
        {
            var (bulkTag, bulkOthers) = await BulkBench.TagEveryCaseAsync(host, lead,
                new Actor(ActorType.User, analyst.Id, "bench analyst", new HashSet<string> { Roles.Analyst }), ids, rng);
            bulkRows = [bulkTag, bulkOthers];
        }

        List<BenchOperation> operations =
        [
            .. ingestRows,
            Latency("grid_page", gridTimes, gridBase, "p95 ≤ 10 ms"),
            Latency("case_page", caseTimes, caseBase, "p95 ≤ 5 ms"),
            Latency("grid_search", searchTimes, searchBase, "p95 ≤ 20 ms"),
            .. fieldRows,
            claimNext,
            queueCounts,
            .. analyticsRows,
            automationEval,
            .. apiRows,
            .. bulkRows,
        ];
        return new BenchReport(total, operations, claimCheck.DoubleClaims, bytesPerCase, Process.GetCurrentProcess().PeakWorkingSet64, store.Provider.ToString().ToLowerInvariant())
        {
            SkippedClaims = claimCheck.Skipped,
            SkippedGroups = skip.Order().ToList(),
        };
    }

    /// <summary>Loads <paramref name="total"/> cases through the product, after the same rows by raw INSERTs into a scratch copy (the baseline).</summary>
    private static async Task<BenchOperation> IngestAsync(BenchHost host, StoreConnection store, int total, BenchDataset dataset,
        IReadOnlyDictionary<string, UserInfo> people, Actor importer)
    {
        int SizeOf(int batch) => Math.Min(BatchSize, total - batch * BatchSize);
        var comparable = Math.Min(total, ComparableCases);
        var comparableBatches = (comparable + BatchSize - 1) / BatchSize;

        // Baseline ingest: the same rows by prepared INSERTs in one transaction, into a fresh copy of the schema.
        double baselineRate;
        await using (var scratch = await BenchHost.CreateAsync(BenchHost.Beside(store, ".baseline")))
        {
            var batches = Enumerable.Range(0, comparableBatches).Select(b => dataset.Batch(b, SizeOf(b))).ToList();
            var sw = Stopwatch.StartNew();
            var inserted = scratch.Raw.Ingest(batches, await scratch.Get<TemplateService>().ListAsync(), people, importer);
            baselineRate = inserted / sw.Elapsed.TotalSeconds;
            scratch.DeleteFiles();
        }

        // Ingest through the product: objects, then cases with their history, one transaction per batch.
        var objects = host.Get<ObjectService>();
        var bulk = host.Get<CaseBulkImporter>();
        var batchCount = (total + BatchSize - 1) / BatchSize;
        var batchTimes = new List<double>(batchCount);
        var progress = new Progress(total);
        var all = Stopwatch.StartNew();
        for (var b = 0; b < batchCount; b++)
        {
            var batch = dataset.Batch(b, SizeOf(b));
            var start = Stopwatch.GetTimestamp();
            await objects.ImportAsync(batch.Objects);
            await bulk.ImportAsync(batch.Cases, importer);

            batchTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            progress.Report(b * BatchSize + batch.Cases.Count, all.Elapsed);
        }
        progress.Done(all.Elapsed);
        var productRate = comparable / (batchTimes.Take(comparableBatches).Sum() / 1000);
        return new BenchOperation("ingest", batchCount, Stats.Median(batchTimes), Stats.Percentile(batchTimes, 0.95),
            productRate, productRate / baselineRate, "ok", "≥ 0.3× baseline rows/s");
    }

    private static async Task<int> CountCasesAsync(BenchHost host)
    {
        await using var db = await host.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        return await db.Cases.CountAsync();
    }

    private static BenchOperation Latency(string name, List<double> product, List<double> baseline, string target)
    {
        var median = Stats.Median(product);
        return new(name, product.Count, median, Stats.Percentile(product, 0.95), 1000 / median, median / Stats.Median(baseline), "ok", target);
    }

    private static async Task<List<string>> SampleCaseIdsAsync(BenchHost host, int count, Random rng)
    {
        await using var db = await host.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        var max = await db.Cases.MaxAsync(c => c.Id);
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var start = rng.NextInt64(1, max + 1);
            ids.Add(await db.Cases.Where(c => c.Id >= start).OrderBy(c => c.Id).Select(c => c.PublicId).FirstAsync());
        }
        return ids;
    }

    private static void Print(BenchReport r)
    {
        static string N(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "—";
        Console.WriteLine();
        Console.WriteLine($"{"operation",-16} {"count",7} {"median ms",10} {"p95 ms",9} {"per second",11} {"÷ baseline",11}  {"target",-34} status");
        foreach (var o in r.Operations)
            Console.WriteLine($"{o.Name,-16} {o.Count,7} {N(o.MedianMs, "0.00"),10} {N(o.P95Ms, "0.00"),9} {N(o.PerSecond, "N0"),11} {N(o.BaselineRatio, "0.00") + (o.BaselineRatio is null ? "" : "×"),11}  {o.Target,-34} {o.Status}");
        Console.WriteLine();
        Console.WriteLine("ingest: per second = cases/s over the first 20,000 cases, ÷ baseline = that over raw prepared INSERTs of the same rows.");
        Console.WriteLine("grid_page, case_page, grid_search, grid_field, queue_counts, api_list, analytics_cold, analytics_warm: ÷ baseline = product median over the hand-written SQL median.");
        Console.WriteLine($"claim_next: per second = cases claimed by {QueueBench.Claimers} concurrent analysts through Next case, ÷ baseline = that over the same claim by hand; " +
            $"double claims: {r.DoubleClaims}, waiting cases passed over: {r.SkippedClaims}.");
        Console.WriteLine("bulk_tag: per second = cases tagged through BulkActions; bulk_others: another user's comments meanwhile, ÷ baseline = over the same on an idle store.");
        Console.WriteLine($"api_create: per second = cases created over HTTP by {ApiBench.Clients} clients, ÷ baseline = that over CaseService.CreateAsync called the same way.");
        Console.WriteLine("webhook_deliveries: per second = deliveries of N queued case creations to a loopback receiver (outbox + dispatcher), ÷ baseline = that over");
        Console.WriteLine($"  the same bodies POSTed by a plain HttpClient loop ({ApiBench.Clients} concurrent); median/p95 = change to arrival during api_create_hooked.");
        Console.WriteLine("api_create_hooked, ingest_hooked: the same with a live subscription to case.created, ÷ baseline = that over the run without subscriptions.");
        Console.WriteLine($"automation_eval: per second = (rule, case) condition evaluations, {AutomationBench.Rules} rules over batches of 500 cases, one query per rule; ÷ baseline = that over reading the same cases by id per rule.");
        Console.WriteLine("automation_latency: tag added → the rule's run committed, while the API creates cases; ÷ baseline = that over the tag write itself.");
        Console.WriteLine($"store: {r.Store} · database: {r.DbBytesPerCase:N0} bytes per case · peak working set: {r.PeakWorkingSetBytes / 1048576.0:N0} MiB");
        if (r.SkippedGroups.Count > 0) Console.WriteLine($"not run (--skip): {string.Join(", ", r.SkippedGroups)}");
    }

    /// <summary>A progress bar on a terminal; a line per tenth when the output is redirected.</summary>
    private sealed class Progress(int total)
    {
        private int lastTenth = -1;

        public void Report(int done, TimeSpan elapsed)
        {
            var fraction = done / (double)total;
            if (!Console.IsOutputRedirected)
            {
                var bar = new string('#', (int)(fraction * 30)).PadRight(30);
                Console.Write($"\rLoading [{bar}] {done,12:N0}/{total:N0} cases  {done / Math.Max(0.001, elapsed.TotalSeconds),9:N0}/s ");
            }
            else if ((int)(fraction * 10) is var tenth && tenth > lastTenth)
            {
                lastTenth = tenth;
                Console.WriteLine($"Loading {done:N0}/{total:N0} cases ({fraction:P0}) after {elapsed.TotalSeconds:N1} s");
            }
        }

        public void Done(TimeSpan elapsed)
        {
            if (!Console.IsOutputRedirected) Console.WriteLine();
            Console.WriteLine($"Loaded {total:N0} cases in {elapsed.TotalSeconds:N1} s ({total / elapsed.TotalSeconds:N0} cases/s overall).");
        }
    }
}
