using System.Text.Json;
using CasesDashboard.Features.Bench;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Bench;

/// <summary>The bench is not a timed test: this runs it small and checks that it completes and reports every row.</summary>
[Collection(RunsAlone.Name)]
public sealed class BenchCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cases-bench-").FullName;

    [Fact]
    public async Task Run_2000Cases_ReportsEveryOperationAndParsesAsJson()
    {
        var json = Path.Combine(folder, "bench.json");

        var exit = await BenchCommand.RunAsync(["--cases", "2000", "--db", Path.Combine(folder, "bench.db"), "--json", json]);

        Assert.Equal(0, exit);
        AssertEveryRow(json, "sqlite");
    }

    [SkippableFact]
    public async Task Run_OnPostgres_ReportsEveryOperationForThatStore()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        var json = Path.Combine(folder, "bench-pg.json");
        var connection = await PostgresServer.ConnectionStringForAsync($"cases_bench_{Guid.NewGuid():N}");

        var exit = await BenchCommand.RunAsync(["--cases", "2000", "--provider", "postgres", "--connection", connection, "--json", json]);

        await PostgresServer.DropDatabaseAsync(connection);
        await PostgresServer.DropDatabaseAsync(BenchHost.Beside(new(CasesDashboard.Data.StoreProvider.Postgres, connection), ".baseline").ConnectionString);
        Assert.Equal(0, exit);
        AssertEveryRow(json, "postgres");
    }

    [Fact]
    public async Task Run_PostgresWithoutConnection_ExitsWithUsage() => Assert.Equal(2, await BenchCommand.RunAsync(["--provider", "postgres"]));

    [Fact]
    public async Task Run_SkippingApiAndBulk_LeavesTheirRowsOutAndSaysSo()
    {
        var json = Path.Combine(folder, "skip.json");

        var exit = await BenchCommand.RunAsync(["--cases", "1000", "--db", Path.Combine(folder, "skip.db"), "--json", json, "--skip", "api,bulk"]);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(["ingest", "grid_page", "case_page", "grid_search", "grid_field", "claim_next", "queue_counts", "analytics_cold", "analytics_warm", "sla_recompute",
            "automation_eval"], doc.RootElement.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(["api", "bulk"], doc.RootElement.GetProperty("skipped_groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Run_SkippingIngest_MeasuresTheStoreAPreviousRunLeft()
    {
        var db = Path.Combine(folder, "again.db");
        Assert.Equal(0, await BenchCommand.RunAsync(["--cases", "1000", "--db", db, "--skip", "field,analytics,api,bulk"]));
        var json = Path.Combine(folder, "again.json");

        var exit = await BenchCommand.RunAsync(["--db", db, "--json", json, "--skip", "ingest,field,analytics,api,bulk"]);

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(1000, doc.RootElement.GetProperty("cases").GetInt32());
        Assert.Equal(["grid_page", "case_page", "grid_search", "claim_next", "queue_counts", "automation_eval"],
            doc.RootElement.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Run_SkippingIngestWithNoStore_ExitsWithUsage() =>
        Assert.Equal(2, await BenchCommand.RunAsync(["--db", Path.Combine(folder, "none.db"), "--skip", "ingest"]));

    [Fact]
    public async Task Run_SkippingAnUnknownGroup_ExitsWithUsage() => Assert.Equal(2, await BenchCommand.RunAsync(["--skip", "grid"]));

    private static void AssertEveryRow(string json, string store)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(store, root.GetProperty("store").GetString());
        Assert.Equal(2000, root.GetProperty("cases").GetInt32());
        var operations = root.GetProperty("operations").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["ingest", "grid_page", "case_page", "grid_search", "grid_field", "claim_next", "queue_counts", "analytics_cold", "analytics_warm", "sla_recompute",
            "automation_eval", "automation_latency", "api_create", "api_list", "webhook_deliveries", "api_create_hooked", "ingest_hooked", "bulk_tag", "bulk_others"], operations.Keys);
        // Every case in the store by then: the 2,000 loaded and those the API bench created.
        Assert.True(operations["bulk_tag"].GetProperty("count").GetInt32() >= 2000);
        Assert.Equal("ok", operations["bulk_tag"].GetProperty("status").GetString());
        foreach (var name in new[] { "ingest", "grid_page", "case_page", "grid_search", "grid_field", "claim_next", "queue_counts", "analytics_cold", "analytics_warm",
            "automation_eval", "automation_latency", "api_create", "api_list", "webhook_deliveries", "api_create_hooked", "bulk_others" })
        {
            var op = operations[name];
            Assert.Equal("ok", op.GetProperty("status").GetString());
            Assert.True(op.GetProperty("count").GetInt32() > 0, name);
            foreach (var figure in new[] { "median_ms", "p95_ms", "per_second", "baseline_ratio" })
                Assert.True(op.GetProperty(figure).GetDouble() > 0, $"{name}.{figure}");
        }
        Assert.True(operations["ingest_hooked"].GetProperty("baseline_ratio").GetDouble() > 0);
        Assert.Equal(1000, operations["webhook_deliveries"].GetProperty("count").GetInt32());
        Assert.True(operations["sla_recompute"].GetProperty("per_second").GetDouble() > 0);
        Assert.DoesNotContain(operations.Values, o => o.GetProperty("status").GetString() == "not built");
        // 20 claimers at once: no case to two of them, none passed over.
        Assert.Equal((0, 0), (root.GetProperty("double_claims").GetInt32(), root.GetProperty("skipped_claims").GetInt32()));
        Assert.True(root.GetProperty("db_bytes_per_case").GetDouble() > 0);
        Assert.True(root.GetProperty("peak_working_set_bytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Run_UnknownOption_ExitsWithUsage()
    {
        Assert.Equal(2, await BenchCommand.RunAsync(["--frobnicate"]));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
