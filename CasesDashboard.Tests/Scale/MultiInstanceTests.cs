using System.Net;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CasesDashboard.Tests.Scale;

/// <summary>Two instances of the app on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private string database = "";
    private readonly List<PostgresAppFactory> instances = [];

    public async Task InitializeAsync()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        database = await PostgresServer.NewDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var i in instances) await i.DisposeAsync();
        if (database.Length > 0) await PostgresServer.DropDatabaseAsync(database);
    }

    private PostgresAppFactory Start(Action<IServiceCollection>? services = null)
    {
        var app = new PostgresAppFactory(database, services);
        instances.Add(app);
        _ = app.Services;   // starts the host: migrations, seed, background services
        return app;
    }

    private static Actor LeadOf(IServiceProvider services) =>
        services.GetRequiredService<UserDirectory>().AllAsync().Result.Where(u => u.Roles.Contains(Roles.Lead))
            .Select(u => Actor.User(u.Id, u.DisplayName, Roles.Lead)).First();

    [SkippableFact]
    public async Task ChangeOnOneInstance_ReachesOpenPagesOnTheOther()
    {
        var a = Start();
        var b = Start();
        var heard = new TaskCompletionSource<CaseChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Services.GetRequiredService<CaseEvents>().Changed += c => { if (c.Changes.Any(x => x.Field == "priority")) heard.TrySetResult(c); return Task.CompletedTask; };
        await Task.Delay(500);   // B's listener connects
        var lead = LeadOf(a.Services);
        var query = a.Services.GetRequiredService<CaseQuery>();
        var id = (await query.SearchAsync(new CaseFilter { OpenOnly = true, PageSize = 1 }, lead)).Rows[0].Id;
        var version = (await query.GetAsync(id, lead)).Version;

        await a.Services.GetRequiredService<CaseService>().SetPriorityAsync(id, Features.Templates.CasePriority.Urgent, version, lead);

        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(id, change.CaseId);
    }

    [SkippableFact]
    public async Task SignInOnOneInstance_IsAcceptedByTheOther()
    {
        var a = Start();
        var b = Start();
        var client = await a.SignedInAsync("analyst@example.com");
        var onA = await client.GetAsync("/cases");
        var cookies = string.Join("; ", onA.RequestMessage!.Headers.GetValues("Cookie"));

        var other = b.NewClient(cookies: false);
        other.DefaultRequestHeaders.Add("Cookie", cookies);
        var onB = await other.GetAsync("/cases");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (onA.StatusCode, onB.StatusCode));
    }

    [SkippableFact]
    public async Task BackgroundConsumer_RunsOnOneInstanceAndMovesOnWhenItStops()
    {
        var a = Start(s => s.AddHostedService<TestMarker>());
        var b = Start(s => s.AddHostedService<TestMarker>());
        var lead = LeadOf(a.Services);
        var leases = a.Services.GetRequiredService<Leases>();
        await WaitForAsync(async () => await leases.HolderAsync("consumer:test-marker") is not null);
        var first = await leases.HolderAsync("consumer:test-marker");

        for (var i = 0; i < 5; i++) await a.Services.GetRequiredService<CaseService>().CreateAsync(new NewCase("DOR"), lead);
        await WaitForAsync(async () => await MarkersAsync(a) == 5);
        var (stopped, survivor) = first == a.Services.GetRequiredService<Leases>().Instance ? (a, b) : (b, a);
        await stopped.DisposeAsync();
        instances.Remove(stopped);
        for (var i = 0; i < 3; i++) await survivor.Services.GetRequiredService<CaseService>().CreateAsync(new NewCase("DOR"), lead);

        await WaitForAsync(async () => await MarkersAsync(survivor) == 8);
        Assert.Equal(survivor.Services.GetRequiredService<Leases>().Instance, await survivor.Services.GetRequiredService<Leases>().HolderAsync("consumer:test-marker"));
    }

    [SkippableFact]
    public async Task TwentyClaimersSpreadOverBothInstances_GetDistinctCasesAndLeaveNoneWaiting()
    {
        var a = Start();
        var b = Start();
        var lead = LeadOf(a.Services);
        for (var i = 0; i < 60; i++) await a.Services.GetRequiredService<CaseService>().CreateAsync(new NewCase("DOR"), lead);
        var queue = (await a.Services.GetRequiredService<QueueDirectory>().AllAsync()).Single(q => q.Key == "driver-onboarding");
        var claimers = await ClaimersAsync(a.Services, 20);
        var waiting = await WaitingAsync(a, queue);
        var claimed = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Task.WhenAll(claimers.Select((c, i) => Task.Run(async () =>
        {
            var next = (i % 2 == 0 ? a : b).Services.GetRequiredService<NextCase>();
            while (await next.ClaimAsync(c, queue.PublicId) is { CaseId: { } id }) claimed.Add(id);
        })));

        Assert.True(waiting >= 60, $"{waiting} waiting");
        Assert.Equal((waiting, waiting, 0), (claimed.Count, claimed.Distinct().Count(), await WaitingAsync(a, queue)));
    }

    /// <summary>Leads of their own (a lead may take from any queue), imported through the app's user importer.</summary>
    private static async Task<List<Actor>> ClaimersAsync(IServiceProvider services, int count)
    {
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<global::CasesDashboard.Data.Seed.UserImporter>().ImportAsync(Enumerable.Range(1, count)
                .Select(i => new global::CasesDashboard.Data.Seed.UserImportDocument($"claimer{i}@test.local", $"Claimer {i}", [Roles.Lead])), AppFactory.DemoPassword);
        var users = services.GetRequiredService<UserDirectory>();
        users.Invalidate();
        return (await users.AllAsync()).Where(u => u.Email.StartsWith("claimer")).Select(u => Actor.User(u.Id, u.DisplayName, Roles.Lead)).ToList();
    }

    private static async Task<int> WaitingAsync(PostgresAppFactory app, QueueInfo queue)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        return await QueueOrders.Waiting(db.Cases, queue.Id).CountAsync();
    }

    private static async Task<int> MarkersAsync(PostgresAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        return await db.SeedMarkers.CountAsync(m => m.Key.StartsWith("marked:"));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(45);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"The condition did not hold within 45 s (oldest writer on the server: {await PostgresServer.OldestWriterAsync()}).");
            await Task.Delay(200);
        }
    }

    /// <summary>Marks every case.created event once (a stand-in for the webhook outbox and automations); leases of 2 s.</summary>
    private sealed class TestMarker(EventLog log, CasesStore store, EventLogSignal signal, Leases leases)
        : EventLogConsumer("test-marker", log, store, signal, NullLogger.Instance, leases)
    {
        protected override TimeSpan LeaseTime => TimeSpan.FromSeconds(2);

        protected override Task HandleAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct) =>
            Store.WriteAsync(db =>
            {
                foreach (var e in batch.Where(e => e.Type == CaseEventTypes.Created))
                    db.SeedMarkers.Add(new SeedMarker { Key = $"marked:{e.Id}", AppliedAt = e.At });
                return Task.FromResult(0);
            }, ct);
    }
}
