using System.Collections.Concurrent;
using System.Diagnostics;
using CasesDashboard.Data;
using CasesDashboard.Features;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Scale;

/// <summary>
/// Not a test of speed (the suite has none) but a measurement the bench verb does not make: the bench runs one instance, so
/// the claim figure of the same 20 claimers spread over two instances comes from here (ADR 012). It runs
/// only on demand:
/// <c>CASES_MEASURE=1 CASES_MEASURE_CASES=100000 dotnet test -c Release CasesDashboard.Tests --filter ClaimThroughputMeasure --logger "console;verbosity=detailed"</c>.
/// It loads the cases through the bulk importer (a tenth of them waiting in one queue, the rest resolved), then 20 leads press
/// Next case until a share of the waiting cases is taken, and prints claims per second and the double claims found.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class ClaimThroughputMeasure(ITestOutputHelper output)
{
    private const int Claimers = 20;

    [SkippableTheory]
    [InlineData(StoreProvider.Sqlite, 1)]
    [InlineData(StoreProvider.Postgres, 1)]
    [InlineData(StoreProvider.Postgres, 2)]
    public async Task ClaimsPerSecond(StoreProvider provider, int instances)
    {
        Skip.If(Environment.GetEnvironmentVariable("CASES_MEASURE") != "1", "A measurement, run on demand with CASES_MEASURE=1.");
        var total = int.Parse(Environment.GetEnvironmentVariable("CASES_MEASURE_CASES") ?? "100000");
        await using var s = await TestStore.OnAsync(provider);
        var queue = await s.CreateAsync("Review", Where("template", "eq", TestTemplates.Key));
        var loaded = Stopwatch.StartNew();
        await LoadAsync(s, total);
        output.WriteLine($"{provider}: {total:N0} cases loaded in {loaded.Elapsed.TotalSeconds:N0} s");

        await using var second = instances == 2 ? Instance(s.Connection) : null;
        var claimers = await s.ClaimersAsync(Claimers);
        var claims = total / 20;
        var claimed = new ConcurrentBag<string>();
        var left = claims;
        var go = new TaskCompletionSource();
        var runs = claimers.Select((c, i) => Task.Run(async () =>
        {
            var next = (i % 2 == 1 && second is not null ? second : s.Services).GetRequiredService<NextCase>();
            await go.Task;
            while (Interlocked.Decrement(ref left) >= 0 && await next.ClaimAsync(c, queue.PublicId) is { CaseId: { } id }) claimed.Add(id);
        })).ToList();
        var watch = Stopwatch.StartNew();
        go.SetResult();
        await Task.WhenAll(runs);

        output.WriteLine($"{provider}, {instances} instance(s), {Claimers} claimers: {claimed.Count:N0} claims in {watch.Elapsed.TotalSeconds:N2} s = " +
            $"{claimed.Count / watch.Elapsed.TotalSeconds:N0} claims/s; double claims: {claimed.Count - claimed.Distinct().Count()}");
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
    }

    /// <summary>A tenth open and waiting, the rest resolved by an analyst, created over 90 days.</summary>
    private static async Task LoadAsync(TestStore s, int total)
    {
        var bulk = s.Get<CaseBulkImporter>();
        var now = TestStore.Start.UtcDateTime;
        for (var done = 0; done < total; done += 5_000)
            await bulk.ImportAsync(Enumerable.Range(done, Math.Min(5_000, total - done)).Select(i =>
            {
                var created = now.AddMinutes(-(i * 7919 % 129_600) - 5);
                return i % 10 == 0
                    ? new BulkCase(TestTemplates.Key, "open", created)
                    : new BulkCase(TestTemplates.Key, "approved", created)
                    {
                        AssigneeId = s.Analyst.Id, ResolvedAt = created.AddMinutes(3), Fields = Fields(("verdict", "clean"), ("confirmed", true)),
                    };
            }).ToList(), s.Lead);
    }

    /// <summary>A second app instance over the same database (its own services, caches and connection pool).</summary>
    private static ServiceProvider Instance(StoreConnection connection)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddCasesStore(connection);
        services.AddCasesFeatures(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }
}

internal static class Claimers
{
    /// <summary>Leads of their own (a lead may take from any queue).</summary>
    public static async Task<List<Actor>> ClaimersAsync(this TestStore s, int count)
    {
        await using (var scope = s.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<global::CasesDashboard.Data.Seed.UserImporter>().ImportAsync(Enumerable.Range(1, count)
                .Select(i => new global::CasesDashboard.Data.Seed.UserImportDocument($"claimer{i}@test.local", $"Claimer {i}", [Roles.Lead])), TestStore.Password);
        s.Users.Invalidate();
        return (await s.Users.AllAsync()).Where(u => u.Email.StartsWith("claimer")).Select(u => Actor.User(u.Id, u.DisplayName, Roles.Lead)).ToList();
    }
}
