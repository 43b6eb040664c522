using System.Diagnostics;
using System.Net.Http.Headers;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// Webhooks in the bench, on the API bench's app (its outbox and dispatcher running as in production) and a receiver on loopback:
/// <list type="bullet">
/// <item><c>webhook_deliveries</c>: N cases created (one <c>case.created</c> delivery each) queued while the outbox and dispatcher are stopped, then sent — deliveries per
/// second from the outbox's first read to the last answer, against the same bodies POSTed by a plain HttpClient loop with the same
/// concurrency. Its median and p95 are how long after a change its event reached the receiver while 16 API clients were creating
/// cases (the <c>api_create_hooked</c> run).</item>
/// <item><c>api_create_hooked</c>, <c>ingest_hooked</c>: case creation over HTTP and bulk ingest while a subscription to
/// <c>case.created</c> is live (the outbox and dispatcher working alongside), against the same without any subscription.</item>
/// </list>
/// </summary>
public static class WebhookBench
{
    private const int IngestBatches = 5;

    public static async Task<IReadOnlyList<BenchOperation>> RunAsync(ApiBench api, BenchOperation apiCreate, int count, Func<int, BenchBatch> batch, Actor importer)
    {
        var plainIngest = await IngestAsync(api, batch, 0, importer);
        await using var receiver = await BenchReceiver.StartAsync();
        await api.Get<WebhookService>().CreateAsync(receiver.Url, [WebhookEvents.CaseCreated], Actor.System("bench"));

        var (delivered, deliveryRate, plainRate) = await DeliveriesAsync(api, receiver, count);

        receiver.TakeLatencies();
        var (latencies, rate) = await api.PostCasesAsync(count);
        var hookedCreate = new BenchOperation("api_create_hooked", count, Stats.Median(latencies), Stats.Percentile(latencies, 0.95), rate,
            rate / apiCreate.PerSecond, "ok", "≥ 0.9× api_create");
        await DrainAsync(api);
        var arrivals = receiver.TakeLatencies();
        var deliveries = new BenchOperation("webhook_deliveries", delivered, Stats.Median(arrivals), Stats.Percentile(arrivals, 0.95), deliveryRate,
            deliveryRate / plainRate, "ok", "≥ 1,000/s");

        var hookedIngest = await IngestAsync(api, batch, IngestBatches, importer);
        var ingest = new BenchOperation("ingest_hooked", IngestBatches, null, null, hookedIngest, hookedIngest / plainIngest, "ok", "≥ 0.9× without subscriptions");
        return [deliveries, hookedCreate, ingest];
    }

    /// <summary>Deliveries of <paramref name="count"/> queued changes: how many arrived, per second, and the plain loop's rate for the same bodies.</summary>
    private static async Task<(int Delivered, double PerSecond, double Plain)> DeliveriesAsync(ApiBench api, BenchReceiver receiver, int count)
    {
        var (outbox, dispatcher) = (api.Get<WebhookOutbox>(), api.Get<WebhookDispatcher>());
        await outbox.StopAsync(CancellationToken.None);
        await dispatcher.StopAsync(CancellationToken.None);
        await outbox.CatchUpAsync();
        await dispatcher.SendDueAsync();

        var cases = api.Get<CaseService>();
        var actor = new Actor(ActorType.ApiKey, "key_bench", "bench", new HashSet<string> { Roles.Lead });
        await ApiBench.RunAsync(count, async () =>
        {
            await cases.CreateAsync(new NewCase("DOR"), actor);
            return 0;
        });

        var before = receiver.Received;
        var all = Stopwatch.StartNew();
        await outbox.CatchUpAsync();
        while (await dispatcher.SendDueAsync() > 0 && receiver.Received - before < count) { }
        var rate = (receiver.Received - before) / all.Elapsed.TotalSeconds;
        receiver.TakeLatencies();

        await using var db = await api.Get<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        var delivered = receiver.Received - before;
        var bodies = await db.WebhookDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(count).Select(d => d.Body).ToListAsync();
        var plain = await PlainLoopAsync(receiver.Url, bodies);
        await outbox.StartAsync(CancellationToken.None);
        await dispatcher.StartAsync(CancellationToken.None);
        return (delivered, rate, plain);
    }

    /// <summary>The same bodies POSTed by <see cref="ApiBench.Clients"/> concurrent workers: what the receiver and loopback allow.</summary>
    private static async Task<double> PlainLoopAsync(string url, IReadOnlyList<string> bodies)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = ApiBench.Clients });
        var bytes = bodies.Select(System.Text.Encoding.UTF8.GetBytes).ToList();
        var next = -1;
        return (await ApiBench.RunAsync(bytes.Count, async () =>
        {
            var content = new ByteArrayContent(bytes[Interlocked.Increment(ref next) % bytes.Count]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(url, content);
            response.EnsureSuccessStatusCode();
            return 0;
        })).PerSecond;
    }

    /// <summary>Bulk-imports <see cref="IngestBatches"/> batches (objects, then cases with their history); cases per second.</summary>
    private static async Task<double> IngestAsync(ApiBench api, Func<int, BenchBatch> batch, int first, Actor importer)
    {
        var (objects, bulk) = (api.Get<ObjectService>(), api.Get<CaseBulkImporter>());
        var batches = Enumerable.Range(first, IngestBatches).Select(batch).ToList();
        var all = Stopwatch.StartNew();
        foreach (var b in batches)
        {
            await objects.ImportAsync(b.Objects);
            await bulk.ImportAsync(b.Cases, importer);
        }
        return batches.Sum(b => b.Cases.Count) / all.Elapsed.TotalSeconds;
    }

    /// <summary>Until nothing is pending (the deliveries of the last measurement must not weigh on the next), at most two minutes.</summary>
    private static async Task DrainAsync(ApiBench api)
    {
        var factory = api.Get<IDbContextFactory<CasesDbContext>>();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await using var db = await factory.CreateDbContextAsync();
            if (!await db.WebhookDeliveries.AnyAsync(d => d.State == DeliveryState.Pending)) return;
            await Task.Delay(100);
        }
    }
}
