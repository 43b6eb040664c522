using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CasesDashboard.Tests.Cases;

/// <summary>Open pages get changes in bursts: one timer per subscription, many changes handed over once.</summary>
public sealed class CaseEventsCoalescedTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider clock = new();
    private readonly CaseEvents events;

    public CaseEventsCoalescedTests() => events = new CaseEvents(NullLogger<CaseEvents>.Instance, null, clock);

    private static CaseChanged Change(string caseId, string type = CaseEventTypes.Updated, string field = "comments") =>
        new(caseId, "TST-1", type, ActorType.User, "u", "Lee Lead", DateTime.UnixEpoch, 2, [new CaseChange(field, null, "x", type)]);

    [Fact]
    public async Task SubscribeCoalesced_ManyChangesInOneWindow_HandsThemOverOnce()
    {
        var batches = new List<int>();
        using var _ = events.SubscribeCoalesced(Window, b => { batches.Add(b.Count); return Task.CompletedTask; });

        for (var i = 0; i < 1_000; i++) await events.PublishAsync(Change($"case_{i}"));
        clock.Advance(Window);

        Assert.Equal([1_000], batches);
    }

    [Fact]
    public async Task SubscribeCoalesced_ChangesInTwoWindows_HandsOverTwoBatches()
    {
        var batches = new List<int>();
        using var _ = events.SubscribeCoalesced(Window, b => { batches.Add(b.Count); return Task.CompletedTask; });

        await events.PublishAsync(Change("case_a"));
        clock.Advance(Window);
        await events.PublishAsync(Change("case_b"));
        await events.PublishAsync(Change("case_c"));
        clock.Advance(Window);

        Assert.Equal([1, 2], batches);
    }

    [Fact]
    public async Task SubscribeCoalesced_Disposed_HandsNothingOver()
    {
        var calls = 0;
        var subscription = events.SubscribeCoalesced(Window, _ => { calls++; return Task.CompletedTask; });

        await events.PublishAsync(Change("case_a"));
        subscription.Dispose();
        clock.Advance(Window);

        Assert.Equal(0, calls);
    }

    [Fact]
    public void Affects_ChangeToACaseOnThePage_IsTrue()
    {
        Assert.True(CaseGridChanges.Affects(new CaseFilter(), new HashSet<string> { "case_a" }, Change("case_a")));
    }

    [Fact]
    public void Affects_CommentOnACaseOffThePage_IsFalse()
    {
        Assert.False(CaseGridChanges.Affects(new CaseFilter(), new HashSet<string> { "case_a" }, Change("case_b")));
    }

    [Fact]
    public void Affects_StatusChangeOffThePageWhileFilteringOnStatus_IsTrue()
    {
        Assert.True(CaseGridChanges.Affects(new CaseFilter { Status = "open" }, new HashSet<string>(), Change("case_b", CaseEventTypes.StatusUpdated, "status")));
    }

    [Fact]
    public void Affects_StatusChangeOffThePageWithoutAStatusFilter_IsFalse()
    {
        Assert.False(CaseGridChanges.Affects(new CaseFilter(), new HashSet<string>(), Change("case_b", CaseEventTypes.StatusUpdated, "status")));
    }

    [Fact]
    public void Affects_NewCase_IsTrue()
    {
        Assert.True(CaseGridChanges.Affects(new CaseFilter(), new HashSet<string>(), Change("case_b", CaseEventTypes.Created, "status")));
    }
}
