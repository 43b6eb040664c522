using CasesDashboard.Features.Cases.Bulk;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Cases.Bulk;

/// <summary>
/// SQLite has one writer: a long bulk run gives it up between batches, so another person's write waits for one batch, not the
/// run. (PostgreSQL takes concurrent writers as they come; there is nothing to take turns for.)
/// </summary>
public sealed class BulkTurnTakingTests : IAsyncLifetime
{
    private TestStore s = default!;
    private BulkActions Bulk => s.Services.GetRequiredService<BulkActions>();

    public async Task InitializeAsync() => s = await TestStore.CreateAsync(new() { ["Bulk:BatchSize"] = "2" });
    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task<List<string>> NewCasesAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add(await s.NewCaseAsync());
        return ids;
    }

    private static SelectedCases Picked(IEnumerable<string> ids) => new(ids.Select(id => new BulkTarget(id, null, "")).ToList());

    [Fact]
    public async Task Run_AnotherWriterDuringALongRun_IsNotHeldUntilTheRunEnds()
    {
        var ids = await NewCasesAsync(6);
        var other = await s.NewCaseAsync();
        Task<Features.Cases.CaseView>? readBeforeLastBatch = null;

        await Bulk.RunAsync(Picked(ids), new BulkAddTag("long-run"), s.Lead, new BulkActionsTests.SyncProgress(p =>
        {
            if (p.Done == 2) _ = s.Cases.AddCommentAsync(other, "Meanwhile.", s.Analyst);
            if (p.Done == 4) readBeforeLastBatch = s.Query.GetAsync(other, s.Lead);
        }));

        Assert.True((await readBeforeLastBatch!).Comments.Count == 1, "the other person's comment waited for the whole bulk run");
    }
}
