using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Components;
using CasesDashboard.Data;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// The API through the real HTTP pipeline: the API pipeline on Kestrel on loopback over the bench database, a Lead API key, JSON bodies.
/// <c>api_create</c>: cases created per second by 16 concurrent clients, against <see cref="CaseService.CreateAsync"/> called the
/// same way in the same run. <c>api_list</c>: a filtered list followed page by page through its next links, against hand SQL.
/// </summary>
public sealed class ApiBench : IAsyncDisposable
{
    public const int Clients = 16;
    private readonly WebApplication app;
    private readonly HttpClient http;

    private ApiBench(WebApplication app, HttpClient http) => (this.app, this.http) = (app, http);

    public static async Task<ApiBench> StartAsync(StoreConnection store)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Cases"] = store.ConnectionString, ["Store:Provider"] = store.Provider.ToString(), ["Seed:Enabled"] = "false", ["Api:RateLimitPermits"] = int.MaxValue.ToString(),
            ["Webhooks:AllowPrivateNetworks"] = "true",   // the bench's receiver is on loopback
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCasesStore();
        builder.AddCasesFeatures();
        builder.AddCasesUi();
        builder.AddCasesApi();
        var app = builder.Build();
        app.MapCasesApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var key = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("bench", Roles.Lead, Actor.System("bench"));
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        return new ApiBench(app, http);
    }

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    /// <summary>Creates <paramref name="count"/> cases with fields and two object ids through HTTP, then the same through the service.</summary>
    public async Task<BenchOperation> CreateAsync(int count)
    {
        var (latencies, rate, direct) = await CreatesAsync(count, withService: true);
        return new BenchOperation("api_create", count, Stats.Median(latencies), Stats.Percentile(latencies, 0.95), rate, rate / direct, "ok", "≥ 1,000/s");
    }

    /// <summary>Cases created over HTTP (as in <see cref="CreateAsync"/>, without the service's run): latencies and cases per second.</summary>
    public async Task<(List<double> Latencies, double PerSecond)> PostCasesAsync(int count)
    {
        var (latencies, rate, _) = await CreatesAsync(count, withService: false);
        return (latencies, rate);
    }

    private async Task<(List<double> Latencies, double PerSecond, double Direct)> CreatesAsync(int count, bool withService)
    {
        await using var db = await Get<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        var objects = await db.Objects.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync();
        var fields = new Dictionary<string, JsonElement>
        {
            ["trigger"] = JsonSerializer.SerializeToElement("new_signup"), ["vehicle_type"] = JsonSerializer.SerializeToElement("suv"),
            ["license_number"] = JsonSerializer.SerializeToElement("BENCH-1234"),
        };
        var body = new JsonObject
        {
            ["data"] = new JsonObject { ["attributes"] = new JsonObject { ["case-template-id"] = TemplateIds.Of("DOR"), ["fields"] = JsonSerializer.SerializeToNode(fields) } },
            ["meta"] = new JsonObject { ["object-ids"] = new JsonArray(objects.Select(o => (JsonNode)o).ToArray()) },
        }.ToJsonString();

        async Task<double> PostAsync()
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("/api/v1/cases", new StringContent(body, Encoding.UTF8, "application/json"));
            if ((int)response.StatusCode != 201) throw new InvalidOperationException($"api_create: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var cases = Get<CaseService>();
        var actor = new Actor(ActorType.ApiKey, "key_bench", "bench", new HashSet<string> { Roles.Lead });
        var request = new NewCase("DOR") { Fields = fields, ObjectIds = objects };

        await RunAsync(Clients * 4, PostAsync);
        var (latencies, rate) = await RunAsync(count, PostAsync);
        if (!withService) return (latencies, rate, 0);
        var (_, direct) = await RunAsync(count, async () =>
        {
            var start = Stopwatch.GetTimestamp();
            await cases.CreateAsync(request, actor);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        return (latencies, rate, direct);
    }

    /// <summary>Filtered lists (a template and a status), each followed three pages deep by its next link; one timing per request.</summary>
    public async Task<BenchOperation> ListAsync(IReadOnlyList<TemplateSummary> templates, RawBaselines raw, int samples)
    {
        var rng = new Random(11);
        var filters = Enumerable.Range(0, samples / 3 + 10).Select(_ =>
        {
            var t = templates[rng.Next(templates.Count)];
            return (Template: t, Status: t.Definition.Statuses[rng.Next(t.Definition.Statuses.Count)].Key);
        }).ToList();
        var times = new List<double>();
        var baseline = new List<double>();
        foreach (var (template, status) in filters)
        {
            string? next = $"/api/v1/cases?filter[case-template-id]={TemplateIds.Of(template.Key)}&filter[status]={status}&page[size]=10";
            long? cursor = null;
            for (var page = 0; page < 3 && next is not null; page++)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(next);
                var doc = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                next = (string?)doc["links"]?["next"];
                start = Stopwatch.GetTimestamp();
                cursor = raw.ListPage(template.Id, status, cursor, 10);
                baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        var (measured, reference) = (times.Skip(20).ToList(), baseline.Skip(20).ToList());
        var median = Stats.Median(measured);
        return new BenchOperation("api_list", measured.Count, median, Stats.Percentile(measured, 0.95), 1000 / median, median / Stats.Median(reference), "ok", "p95 ≤ 15 ms");
    }

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="op"/> over <see cref="Clients"/> concurrent workers; latencies and calls per second.</summary>
    public static async Task<(List<double> Latencies, double PerSecond)> RunAsync(int count, Func<Task<double>> op)
    {
        var latencies = new List<double>(count);
        var next = -1;
        var all = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (Interlocked.Increment(ref next) < count) mine.Add(await op());
            lock (latencies) latencies.AddRange(mine);
        })));
        return (latencies, count / all.Elapsed.TotalSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
