using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CasesDashboard.Tests.Queues;

/// <summary>Who has a case open: local viewers, viewers on other instances (through the cluster bus), and their going away.</summary>
public sealed class PresenceTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly ClusterBus bus = new(new StoreConnection(StoreProvider.Sqlite, "Data Source=:memory:"), NullLogger<ClusterBus>.Instance);
    private Presence NewPresence() => new(clock, NullLogger<Presence>.Instance, bus);

    private static string Views(string op, params (string Case, string User, string Name)[] views) => JsonSerializer.Serialize(new
    {
        Op = op, Entries = views.Select((v, i) => new { Token = $"t{i}", CaseId = v.Case, UserId = v.User, Name = v.Name }),
    });

    [Fact]
    public void View_SameUserInTwoTabs_IsListedOnce()
    {
        var presence = NewPresence();
        using var a = presence.View("case_1", new Viewer("u1", "Ana Silva"));
        using var b = presence.View("case_1", new Viewer("u1", "Ana Silva"));
        using var c = presence.View("case_1", new Viewer("u2", "Bo Berg"));

        Assert.Equal(["Ana Silva", "Bo Berg"], presence.ViewersOf("case_1").Select(v => v.Name));
    }

    [Fact]
    public async Task Dispose_LastView_RemovesTheViewerAndTellsWatchers()
    {
        var presence = NewPresence();
        var told = 0;
        using var watch = presence.Watch("case_1", () => { told++; return Task.CompletedTask; });
        var view = presence.View("case_1", new Viewer("u1", "Ana Silva"));

        view.Dispose();
        await Task.Yield();

        Assert.Empty(presence.ViewersOf("case_1"));
        Assert.Equal(2, told);
    }

    [Fact]
    public async Task ViewOnAnotherInstance_IsListedAndWatchersAreTold()
    {
        var presence = NewPresence();
        var told = new TaskCompletionSource();
        using var watch = presence.Watch("case_1", () => { told.TrySetResult(); return Task.CompletedTask; });

        await bus.DeliverAsync(new ClusterMessage("other", "presence", Views("view", ("case_1", "u9", "Mei Chen"))));

        await told.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["Mei Chen"], presence.ViewersOf("case_1").Select(v => v.Name));
    }

    [Fact]
    public async Task ViewOnAnotherInstance_NotRepeated_FadesAfterItsLifetime()
    {
        var presence = NewPresence();
        await bus.DeliverAsync(new ClusterMessage("other", "presence", Views("view", ("case_1", "u9", "Mei Chen"))));

        clock.Advance(Presence.RemoteLifetime + TimeSpan.FromSeconds(1));

        Assert.Empty(presence.ViewersOf("case_1"));
    }

    [Fact]
    public async Task LeaveOnAnotherInstance_RemovesTheViewer()
    {
        var presence = NewPresence();
        await bus.DeliverAsync(new ClusterMessage("other", "presence", Views("view", ("case_1", "u9", "Mei Chen"))));

        await bus.DeliverAsync(new ClusterMessage("other", "presence", Views("leave", ("case_1", "u9", "Mei Chen"))));

        Assert.Empty(presence.ViewersOf("case_1"));
    }

    [Fact]
    public void OpenSession_TwoTabsOneClosed_UserStillHasASession()
    {
        var presence = NewPresence();
        var ana = Actor.User("u1", "Ana Silva", Roles.Analyst);
        var first = presence.OpenSession(ana);
        using var second = presence.OpenSession(ana);

        first.Dispose();

        Assert.Equal(["u1"], presence.SessionUsers.Select(u => u.Id));
    }
}
