using Bunit;
using CasesDashboard.Data;
using CasesDashboard.Features.Notifications;
using CasesDashboard.Features.Notifications.Components;
using CasesDashboard.Features.Sla;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Notifications;

/// <summary>Inboxes filled from the event log: assignment, SLA at risk and breached, mentions; once each, never for one's own act.</summary>
public abstract class NotificationConsumerTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider);
        await Consumer.CatchUpAsync();   // the cursor starts at the head
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private NotificationConsumer Consumer => s.Services.GetRequiredService<NotificationConsumer>();
    private NotificationService Inboxes => s.Services.GetRequiredService<NotificationService>();

    [SkippableFact]
    public async Task Assigned_ByALead_TellsTheAssigneeOnce()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        await Consumer.CatchUpAsync();
        await Consumer.CatchUpAsync();

        var inbox = await Inboxes.InboxAsync(s.Analyst);
        var n = Assert.Single(inbox.Items);
        Assert.Equal((NotificationKind.Assigned, id, 1), (n.Kind, n.CasePublicId, inbox.Unread));
        Assert.Contains("Lee Lead assigned TST-1 to you", n.Text);
    }

    [SkippableFact]
    public async Task AssignedToSelf_TellsNobody()
    {
        var id = await s.NewCaseAsync();
        await s.Cases.AssignAsync(id, s.Analyst.Id, null, s.Analyst);
        await Consumer.CatchUpAsync();

        Assert.Empty((await Inboxes.InboxAsync(s.Analyst)).Items);
    }

    [SkippableFact]
    public async Task SlaAtRiskAndBreached_TellTheAssignee()
    {
        await s.NewCaseAsync(s.Analyst);
        var monitor = s.Services.GetRequiredService<SlaMonitor>();
        s.Clock.Advance(TimeSpan.FromHours(21));
        await monitor.SweepAsync();
        s.Clock.Advance(TimeSpan.FromHours(4));
        await monitor.SweepAsync();
        await Consumer.CatchUpAsync();

        var kinds = (await Inboxes.InboxAsync(s.Analyst)).Items.Select(n => n.Kind).ToList();
        Assert.Equal([NotificationKind.SlaBreached, NotificationKind.SlaAtRisk, NotificationKind.Assigned], kinds);
    }

    [SkippableFact]
    public async Task Mention_TellsTheNamedUserOnly()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        await s.Cases.AddCommentAsync(id, "@ana other can you check the device? <b>thanks</b>", s.Analyst);
        await Consumer.CatchUpAsync();

        var n = Assert.Single((await Inboxes.InboxAsync(s.OtherAnalyst)).Items);
        Assert.Equal(NotificationKind.Mentioned, n.Kind);
        Assert.Contains("<b>thanks</b>", n.Text);
        Assert.DoesNotContain((await Inboxes.InboxAsync(s.Analyst)).Items, x => x.Kind == NotificationKind.Mentioned);
    }

    [SkippableFact]
    public async Task MarkRead_OneAndAll_OnlyTheActorsOwn()
    {
        var a = await s.NewCaseAsync(s.Analyst);
        await s.NewCaseAsync(s.Analyst);
        await Consumer.CatchUpAsync();
        var items = (await Inboxes.InboxAsync(s.Analyst)).Items;

        await Inboxes.MarkReadAsync(items[0].Id, s.OtherAnalyst);
        Assert.Equal(2, (await Inboxes.InboxAsync(s.Analyst)).Unread);
        await Inboxes.MarkReadAsync(items[0].Id, s.Analyst);
        Assert.Equal(1, (await Inboxes.InboxAsync(s.Analyst)).Unread);
        await Inboxes.MarkAllReadAsync(s.Analyst);
        Assert.Equal(0, (await Inboxes.InboxAsync(s.Analyst)).Unread);
    }
}

public sealed class NotificationConsumerTestsOnSqlite() : NotificationConsumerTests(StoreProvider.Sqlite);

public sealed class NotificationConsumerTestsOnPostgres() : NotificationConsumerTests(StoreProvider.Postgres);

/// <summary>The app bar's inbox updates live when a notification arrives, and renders user text as text.</summary>
public sealed class NotificationInboxTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        await h.Store.Services.GetRequiredService<NotificationConsumer>().CatchUpAsync();
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Inbox_NewNotification_ShowsUpWithoutReload()
    {
        h.SignIn(h.Store.Analyst);
        var inbox = h.Render<NotificationInbox>();
        Assert.Empty(inbox.FindAll(".mud-badge-content"));

        await h.Store.NewCaseAsync(h.Store.Analyst);
        await h.Store.Services.GetRequiredService<NotificationConsumer>().CatchUpAsync();

        inbox.WaitForAssertion(() => Assert.Equal("1", inbox.Find(".mud-badge").TextContent.Trim()));
    }
}
