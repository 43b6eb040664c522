using CasesDashboard.Data;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Queues;

/// <summary>Live counts: changes within a window are counted once per queue, for every page watching.</summary>
public abstract class QueueBoardTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private QueueBoard Board => s.Get<QueueBoard>();
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task ChangesWithinOneWindow_AreCountedOnceAndEveryWatcherIsTold()
    {
        var queue = await s.CreateAsync("Review", Where("template", "eq", TestTemplates.Key), [s.Analyst]);
        await Board.CountsAsync([queue]);
        var (first, second) = (new TaskCompletionSource(), new TaskCompletionSource());
        using var a = Board.Subscribe(() => { first.TrySetResult(); return Task.CompletedTask; });
        using var b = Board.Subscribe(() => { second.TrySetResult(); return Task.CompletedTask; });

        for (var i = 0; i < 5; i++) await s.NewCaseAsync();
        s.Clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(first.Task, second.Task).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, Board.Recounts);
        Assert.Equal(5, (await Board.CountsAsync([queue]))[0].Open);
    }

    [SkippableFact]
    public async Task Change_NobodyWatching_IsNotCountedUntilAsked()
    {
        var queue = await s.CreateAsync("Review", Where("template", "eq", TestTemplates.Key), [s.Analyst]);
        await Board.CountsAsync([queue]);

        await s.NewCaseAsync();

        Assert.Equal((0, 1), (Board.Recounts, (await Board.CountsAsync([queue]))[0].Open));
    }
}

public sealed class QueueBoardTestsOnSqlite() : QueueBoardTests(StoreProvider.Sqlite);

public sealed class QueueBoardTestsOnPostgres() : QueueBoardTests(StoreProvider.Postgres);
