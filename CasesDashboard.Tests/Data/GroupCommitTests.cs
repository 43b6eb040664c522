using CasesDashboard.Data;

namespace CasesDashboard.Tests.Data;

/// <summary>Group commit: concurrent items share a write, each caller gets its own result.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task RunAsync_ConcurrentCallers_ShareWritesAndEachGetsItsOwnResult()
    {
        var batches = new List<IReadOnlyList<int>>();
        var release = new TaskCompletionSource();
        var first = true;
        var group = new GroupCommit<int, string>(async items =>
        {
            lock (batches) batches.Add(items);
            if (first) { first = false; await release.Task; }
            return items.Select(i => $"#{i}").ToList();
        });

        var leader = group.RunAsync(0);
        var followers = Enumerable.Range(1, 9).Select(group.RunAsync).ToList();
        release.SetResult();

        Assert.Equal("#0", await leader);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"#{i}"), await Task.WhenAll(followers));
        Assert.Equal([[0], Enumerable.Range(1, 9).ToList()], batches.Select(b => b.ToList()));
    }

    [Fact]
    public async Task RunAsync_WriteFails_FailsTheBatchAndTheNextCallerWritesAgain()
    {
        var fail = true;
        var group = new GroupCommit<int, int>(items => fail ? throw new InvalidOperationException("disk full") : Task.FromResult<IReadOnlyList<int>>(items));

        await Assert.ThrowsAsync<InvalidOperationException>(() => group.RunAsync(1));
        fail = false;

        Assert.Equal(2, await group.RunAsync(2));
    }
}
