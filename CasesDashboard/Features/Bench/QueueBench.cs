using System.Collections.Concurrent;
using System.Diagnostics;
using CasesDashboard.Data;
using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Bench;

/// <summary>What a claim run found: how many cases went to two claimers, how many were passed over.</summary>
public sealed record ClaimCheck(int DoubleClaims, int Skipped);

/// <summary>
/// The queue rows of the bench, over the seeded queues routed at ingest. <c>claim_next</c>: <see cref="Claimers"/> analysts press
/// Next case at once on the Driver onboarding queue (<see cref="NextCase"/>, as the button does) until a share of its waiting
/// cases is taken, against the same claim by hand (<see cref="RawBaselines.Claim"/>) run the same way; every claimed id is
/// checked for a second claimer and for waiting cases passed over. <c>queue_counts</c>: every count of one analyst's queues, read
/// as /queues reads them uncached (<see cref="QueueQuery.CountsAsync"/>), against the same counts by hand.
/// </summary>
public static class QueueBench
{
    public const int Claimers = 20;
    private const string QueueKey = "driver-onboarding";

    public static async Task<(BenchOperation Row, ClaimCheck Check)> ClaimNextAsync(BenchHost host, RawBaselines raw)
    {
        var queue = (await host.Get<QueueDirectory>().AllAsync()).Single(q => q.Key == QueueKey);
        var claimers = await AddClaimersAsync(host, queue);
        queue = await host.Get<QueueDirectory>().GetAsync(queue.PublicId);
        var claims = Math.Max(1, Math.Min(10_000, await WaitingAsync(host, queue) / 2));

        var next = host.Get<NextCase>();
        var claimed = new ConcurrentBag<string>();
        var times = new ConcurrentBag<double>();
        var left = claims;
        var product = await RunAsync(claimers, async c =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                var start = Stopwatch.GetTimestamp();
                var result = await next.ClaimAsync(c, queue.PublicId);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (result.CaseId is not { } id) return;
                claimed.Add(id);
            }
        });
        var check = await CheckAsync(host, queue, claimed.ToList(), claimers);

        var writer = new SemaphoreSlim(1, 1);
        var baselineClaims = 0;
        left = claims;
        var baseline = await RunAsync(claimers, c =>
        {
            using var connection = raw.Connect();
            while (Interlocked.Decrement(ref left) >= 0 && raw.Claim(connection, writer, queue.Id, QueueOrders.Sql(queue.SortOrder), c.Id, c.Name) is not null)
                Interlocked.Increment(ref baselineClaims);
            return Task.CompletedTask;
        });

        var rate = claimed.Count / product.TotalSeconds;
        var list = times.ToList();
        return (new BenchOperation("claim_next", claimed.Count, Stats.Median(list), Stats.Percentile(list, 0.95), rate,
            rate / (baselineClaims / baseline.TotalSeconds), "ok", "≥ 2,000 claims/s, 0 double claims"), check);
    }

    public static async Task<BenchOperation> QueueCountsAsync(BenchHost host, RawBaselines raw)
    {
        var sam = (await host.Get<UserDirectory>().AllAsync()).Single(u => u.Email == "analyst@example.com");
        var analyst = Actor.User(sam.Id, sam.DisplayName, Roles.Analyst);
        var query = host.Get<QueueQuery>();
        var queues = await query.VisibleAsync(analyst);
        var product = await Stats.TimeAsync(20, 200, _ => query.CountsAsync(queues));
        var baseline = await Stats.TimeAsync(20, 200, _ =>
        {
            foreach (var q in queues) raw.QueueCounts(q.Id);
            return Task.CompletedTask;
        });
        var median = Stats.Median(product);
        return new BenchOperation("queue_counts", product.Count, median, Stats.Percentile(product, 0.95), 1000 / median, median / Stats.Median(baseline),
            "ok", "p95 ≤ 20 ms");
    }

    private static async Task<TimeSpan> RunAsync(IReadOnlyList<Actor> claimers, Func<Actor, Task> claimer)
    {
        var go = new TaskCompletionSource();
        var runs = claimers.Select(c => Task.Run(async () => { await go.Task; await claimer(c); })).ToList();
        var watch = Stopwatch.StartNew();
        go.SetResult();
        await Task.WhenAll(runs);
        return watch.Elapsed;
    }

    /// <summary><see cref="Claimers"/> analysts of their own (no cases yet), made members of the queue through the admin's service.</summary>
    private static async Task<List<Actor>> AddClaimersAsync(BenchHost host, QueueInfo queue)
    {
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserImporter>().ImportAsync(Enumerable.Range(1, Claimers)
                .Select(i => new UserImportDocument($"claimer{i}@bench.local", $"Claimer {i}", [Roles.Analyst])), "Bench-claimer-1!");
        var users = host.Get<UserDirectory>();
        users.Invalidate();
        var claimers = (await users.AllAsync()).Where(u => u.Email.EndsWith("@bench.local")).Select(u => Actor.User(u.Id, u.DisplayName, Roles.Analyst)).ToList();
        var definition = QueueDefinition.Of(queue);
        // A store a previous run left (bench --skip ingest) has them as members already.
        definition.MemberIds = [.. definition.MemberIds, .. claimers.Select(c => c.Id).Where(id => !definition.MemberIds.Contains(id))];
        await host.Get<QueueService>().SaveAsync(queue.PublicId, definition, queue.Revision, Actor.System("bench"));
        return claimers;
    }

    private static async Task<int> WaitingAsync(BenchHost host, QueueInfo queue)
    {
        await using var db = await host.Get<CasesStore>().ReadAsync();
        return await QueueOrders.Waiting(db.Cases, queue.Id).CountAsync();
    }

    /// <summary>
    /// Each claimed case once, held by the claimer that got it; and no case still waiting ahead, in queue order, of the last one
    /// claimed (that would be a case passed over).
    /// </summary>
    private static async Task<ClaimCheck> CheckAsync(BenchHost host, QueueInfo queue, List<string> claimed, IReadOnlyList<Actor> claimers)
    {
        await using var db = await host.Get<CasesStore>().ReadAsync();
        var ids = claimers.Select(c => c.Id).ToList();
        var held = 0;
        foreach (var chunk in claimed.Distinct().Chunk(500))
            held += await db.Cases.CountAsync(c => chunk.Contains(c.PublicId) && c.AssigneeId != null && ids.Contains(c.AssigneeId));
        var doubles = claimed.Count - claimed.Distinct().Count() + (claimed.Distinct().Count() - held);
        var inOrder = await QueueOrders.Apply(QueueOrders.Open(db.Cases, queue.Id).Where(c => c.AssigneeId == null || ids.Contains(c.AssigneeId)), queue.SortOrder)
            .Select(c => new { c.PublicId, c.AssigneeId }).Take(claimed.Count + 1_000).ToListAsync();
        var lastClaimed = inOrder.FindLastIndex(c => c.AssigneeId is not null);
        return new ClaimCheck(doubles, inOrder.Take(lastClaimed + 1).Count(c => c.AssigneeId is null));
    }
}
