using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CasesDashboard.Data;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Webhooks;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;
using static CasesDashboard.Features.Webhooks.WebhookEvents;

namespace CasesDashboard.Tests.Webhooks;

/// <summary>The outbox: audit events become deliveries of Persona event documents, in the consumer's transaction, once.</summary>
public abstract class WebhookOutboxTests(StoreProvider provider) : IAsyncLifetime
{
    private TestWebhooks w = default!;
    private TestStore S => w.Store;
    private readonly TestCrash crash = new();

    public async Task InitializeAsync() => w = await TestWebhooks.OnAsync(provider, interceptors: crash);
    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<List<string>> QueuedNamesAsync()
    {
        await w.QueueAsync();
        return (await w.DeliveriesAsync()).Select(d => d.EventName).ToList();
    }

    [SkippableFact]
    public async Task Queue_CaseCreated_HoldsAPersonaEventDocument()
    {
        await w.SubscribeAsync();
        var id = await S.NewCaseAsync();

        await w.QueueAsync();

        var body = JsonNode.Parse(Assert.Single(await w.DeliveriesAsync()).Body)!["data"]!;
        Assert.Equal("event", (string)body["type"]!);
        Assert.Matches(new Regex("^evt_[1-9A-HJ-NP-Za-km-z]{24}$"), (string)body["id"]!);
        Assert.Equal(CaseCreated, (string)body["attributes"]!["name"]!);
        Assert.Equal(id, (string)body["attributes"]!["payload"]!["data"]!["id"]!);
        Assert.NotNull((string?)body["attributes"]!["created-at"]);
    }

    [SkippableFact]
    public async Task Queue_Payload_IsTheCaseAsTheApiShowsIt()
    {
        await w.SubscribeAsync(CaseUpdatedFields);
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.UpdateFieldsAsync(id, Fields(("note", "seen"), ("count", 3)), null, S.Analyst);

        await w.QueueAsync();

        var record = await S.Services.GetRequiredService<CaseFeed>().GetAsync(id, S.Admin);
        var linked = (await S.Objects.FindManyAsync(record.ObjectIds)).ToDictionary(o => o.Id);
        var payload = JsonNode.Parse(Assert.Single(await w.DeliveriesAsync()).Body)!["data"]!["attributes"]!["payload"]!["data"];
        Assert.True(JsonNode.DeepEquals(ApiDocuments.Case(record, linked, null), payload));
    }

    [SkippableFact]
    public async Task Queue_CreateWithAssignee_IsOneChangeWithTwoNames()
    {
        await w.SubscribeAsync();

        await S.NewCaseAsync(S.Analyst);   // created, then assigned: versions 1 and 2

        Assert.Equal([CaseCreated, CaseAssigned], await QueuedNamesAsync());
    }

    [SkippableFact]
    public async Task Queue_Resolve_YieldsStatusUpdatedAndResolvedOnce()
    {
        await w.SubscribeAsync();
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.UpdateFieldsAsync(id, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)), null, S.Analyst);
        await w.QueueAsync();
        var before = (await w.DeliveriesAsync()).Count;

        await S.Cases.SetStatusAsync(id, "approved", "All good.", null, S.Lead);

        Assert.Equal([CaseCommentCreated, CaseStatusUpdated, CaseResolved], (await QueuedNamesAsync()).Skip(before));
    }

    [SkippableFact]
    public async Task Queue_FieldsTagsCommentsAndOtherAttributes_MapToTheirOwnNames()
    {
        await w.SubscribeAsync();
        var id = await S.NewCaseAsync(S.Analyst);
        await w.QueueAsync();
        var before = (await w.DeliveriesAsync()).Count;

        await S.Cases.UpdateFieldsAsync(id, Fields(("note", "a"), ("count", 1)), null, S.Analyst);
        await S.Cases.SetTagsAsync(id, ["vip"], S.Analyst);
        await S.Cases.AddCommentAsync(id, "hello", S.Analyst);
        await S.Cases.SetPriorityAsync(id, Features.Templates.CasePriority.Urgent, await S.VersionOfAsync(id), S.Analyst);
        await S.Cases.RedactAsync(id, S.Lead);

        Assert.Equal([CaseUpdatedFields, CaseUpdatedTags, CaseCommentCreated, CaseUpdated, CaseRedacted], (await QueuedNamesAsync()).Skip(before));
    }

    [SkippableFact]
    public async Task Queue_CaseRedacted_RewritesItsEarlierDeliveriesWithTheRedactedCase()
    {
        await w.SubscribeAsync(CaseUpdatedFields);
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.UpdateFieldsAsync(id, Fields(("note", "Passport AB123456")), null, S.Analyst);
        await w.QueueAsync();
        var before = Assert.Single(await w.DeliveriesAsync());
        Assert.Contains("AB123456", before.Body);

        await S.Cases.RedactAsync(id, S.Lead);
        await w.QueueAsync();

        var after = Assert.Single(await w.DeliveriesAsync());
        Assert.DoesNotContain("AB123456", after.Body);
        Assert.Equal(before.EventId, (string)JsonNode.Parse(after.Body)!["data"]!["id"]!);
        Assert.NotNull((string?)JsonNode.Parse(after.Body)!["data"]!["attributes"]!["payload"]!["data"]!["attributes"]!["redacted-at"]);
    }

    [SkippableFact]
    public async Task Queue_TwoSubscriptions_EachGetsOnlyTheEventsItWants()
    {
        var all = await w.SubscribeAsync();
        var resolvedOnly = await w.SubscribeAsync(CaseAssigned);

        await S.NewCaseAsync(S.Analyst);
        await w.QueueAsync();

        var bySubscription = (await DeliveriesBySubscriptionAsync());
        Assert.Equal([CaseCreated, CaseAssigned], bySubscription[all.Webhook.Id]);
        Assert.Equal([CaseAssigned], bySubscription[resolvedOnly.Webhook.Id]);
    }

    [SkippableFact]
    public async Task Queue_OneEventForTwoSubscriptions_SharesTheEventIdAndBytes()
    {
        await w.SubscribeAsync(CaseCreated);
        await w.SubscribeAsync(CaseCreated);

        await S.NewCaseAsync();
        await w.QueueAsync();

        var deliveries = await w.DeliveriesAsync();
        Assert.Equal(2, deliveries.Count);
        Assert.Single(deliveries.Select(d => (d.EventId, d.Body)).Distinct());
    }

    [SkippableFact]
    public async Task Queue_ChangeMadeBeforeTheSubscription_IsNotSentToIt()
    {
        var before = await S.NewCaseAsync();          // not yet handled by the outbox
        await w.SubscribeAsync(CaseCreated);
        var after = await S.NewCaseAsync();

        await w.QueueAsync();

        Assert.Equal([after], (await w.DeliveriesAsync()).Select(d => d.CasePublicId));
    }

    [SkippableFact]
    public async Task Queue_DisabledSubscription_GetsNothing()
    {
        var hook = await w.SubscribeAsync();
        await w.Service.UpdateAsync(hook.Webhook.Id, new WebhookChange(Enabled: false), S.Admin);

        await S.NewCaseAsync();

        Assert.Empty(await QueuedNamesAsync());
    }

    [SkippableFact]
    public async Task Queue_SecondRun_QueuesNothingTwiceAndTheCursorIsAtTheLastEvent()
    {
        await w.SubscribeAsync();
        await S.NewCaseAsync(S.Analyst);
        await w.QueueAsync();

        await w.QueueAsync();

        await using var db = await S.DbAsync();
        Assert.Equal(2, await db.WebhookDeliveries.CountAsync());
        Assert.Equal(await db.AuditEvents.MaxAsync(e => e.Id), (await db.EventCursors.SingleAsync(c => c.Consumer == WebhookOutbox.ConsumerName)).Position);
    }

    [SkippableFact]
    public async Task Queue_CrashWhileWritingDeliveries_LeavesTheCursorAndQueuesOnTheNextRun()
    {
        await w.SubscribeAsync();
        await S.NewCaseAsync();
        var cursor = await S.Services.GetRequiredService<Features.Audit.EventLog>().PositionAsync(WebhookOutbox.ConsumerName);

        crash.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => w.QueueAsync());
        crash.Armed = false;
        Assert.Empty(await w.DeliveriesAsync());
        Assert.Equal(cursor, await S.Services.GetRequiredService<Features.Audit.EventLog>().PositionAsync(WebhookOutbox.ConsumerName));

        await w.QueueAsync();
        Assert.Single(await w.DeliveriesAsync());
    }

    private async Task<Dictionary<string, List<string>>> DeliveriesBySubscriptionAsync()
    {
        await using var db = await S.DbAsync();
        return (await (from d in db.WebhookDeliveries join s in db.WebhookSubscriptions on d.SubscriptionId equals s.Id orderby d.Id select new { s.PublicId, d.EventName }).ToListAsync())
            .GroupBy(x => x.PublicId).ToDictionary(g => g.Key, g => g.Select(x => x.EventName).ToList());
    }

    /// <summary>Throws when a save would add deliveries, like a process dying in the outbox's transaction.</summary>
    private sealed class TestCrash : SaveChangesInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            if (Armed && eventData.Context!.ChangeTracker.Entries<WebhookDelivery>().Any(e => e.State == EntityState.Added))
                throw new InvalidOperationException("The process died here (test).");
            return ValueTask.FromResult(result);
        }
    }
}

public sealed class WebhookOutboxTestsOnSqlite() : WebhookOutboxTests(StoreProvider.Sqlite);

public sealed class WebhookOutboxTestsOnPostgres() : WebhookOutboxTests(StoreProvider.Postgres);
