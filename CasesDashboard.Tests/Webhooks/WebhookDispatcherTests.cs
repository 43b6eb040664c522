using CasesDashboard.Data;
using CasesDashboard.Features.Webhooks;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Tests.Webhooks;

/// <summary>The dispatcher: sending, the retry schedule in the database, order per case, restarts, disabling, replay.</summary>
public abstract class WebhookDispatcherTests(StoreProvider provider) : IAsyncLifetime
{
    private TestWebhooks w = default!;
    private TestStore S => w.Store;
    private TestReceiver Receiver => w.Receiver;

    protected virtual Dictionary<string, string?> Settings => new() { ["Webhooks:FailuresBeforeDisable"] = "5", ["Webhooks:MaxAttempts"] = "4" };

    public async Task InitializeAsync() => w = await TestWebhooks.OnAsync(provider, Settings);
    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<WebhookDelivery> OnlyDeliveryAsync() => Assert.Single(await w.DeliveriesAsync());

    [SkippableFact]
    public async Task Send_ReceiverAnswers200_MarksTheDeliveryDelivered()
    {
        await w.SubscribeAsync();
        var id = await S.NewCaseAsync();
        await w.QueueAsync();

        await w.SendAsync();

        var d = await OnlyDeliveryAsync();
        Assert.Equal((DeliveryState.Delivered, 1, 200), (d.State, d.AttemptsMade, d.LastStatusCode));
        Assert.Equal(id, Assert.Single(Receiver.Requests).CaseId);
    }

    [SkippableFact]
    public async Task Send_ReceiverFails_SchedulesTheNextAttemptsWithExponentialBackoff()
    {
        Receiver.Answer = _ => Task.FromResult(500);
        await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await S.NewCaseAsync();
        await w.QueueAsync();

        var waits = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await w.SendAsync();
            var d = await OnlyDeliveryAsync();
            waits.Add((d.NextAttemptAt!.Value - d.LastAttemptedAt!.Value).TotalSeconds);
            S.Clock.SetUtcNow(d.NextAttemptAt.Value);
        }

        Assert.Equal(3, Receiver.Requests.Count);
        Assert.InRange(waits[0], 30 * 0.8, 30 * 1.2);
        Assert.InRange(waits[1], 60 * 0.8, 60 * 1.2);
        Assert.InRange(waits[2], 120 * 0.8, 120 * 1.2);
    }

    [SkippableFact]
    public async Task Send_BeforeTheNextAttemptIsDue_SendsNothing()
    {
        Receiver.AnswerInTurn(503);
        await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await S.NewCaseAsync();
        await w.QueueAsync();
        await w.SendAsync();

        S.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, await w.SendAsync());

        Assert.Equal("retrying", DeliveryInfo.StatusOf((await OnlyDeliveryAsync()).State, 1, DateTime.MaxValue));
    }

    [SkippableFact]
    public async Task Send_FirstDeliveryOfACaseFails_LaterOnesOfThatCaseWaitWhileOtherCasesGoOn()
    {
        await w.SubscribeAsync(WebhookEvents.CaseCreated, WebhookEvents.CaseAssigned);
        var a = await S.NewCaseAsync(S.Analyst);      // created, assigned
        var b = await S.NewCaseAsync();               // created
        await w.QueueAsync();
        var failedOnce = false;
        Receiver.Answer = r => Task.FromResult(r.CaseId == a && !failedOnce && (failedOnce = true) ? 500 : 200);

        await w.SendAsync();
        Assert.Equal(new (string?, string)[] { (a, WebhookEvents.CaseCreated), (b, WebhookEvents.CaseCreated) }.Order(), Received().Order());

        S.Clock.Advance(TimeSpan.FromMinutes(1));
        await w.SendAsync();

        Assert.Equal([WebhookEvents.CaseCreated, WebhookEvents.CaseCreated, WebhookEvents.CaseAssigned],
            Received().Where(x => x.Case == a).Select(x => x.Name));
    }

    [SkippableFact]
    public async Task Send_AfterARestart_SendsWhatWasPendingBefore()
    {
        await w.SubscribeAsync();
        await S.NewCaseAsync(S.Analyst);
        await S.NewCaseAsync();
        await w.QueueAsync();                         // queued; the first process stops before sending

        var sent = await w.NewDispatcher().SendDueAsync();

        Assert.Equal(3, sent);
        Assert.Equal(3, Receiver.Requests.Count);
        Assert.All(await w.DeliveriesAsync(), d => Assert.Equal(DeliveryState.Delivered, d.State));
    }

    [SkippableFact]
    public async Task Send_RetryScheduledBeforeARestart_IsKeptByTheNewDispatcher()
    {
        Receiver.AnswerInTurn(500);
        await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await S.NewCaseAsync();
        await w.QueueAsync();
        await w.SendAsync();
        var restarted = w.NewDispatcher();

        Assert.Equal(0, await restarted.SendDueAsync());
        S.Clock.SetUtcNow((await OnlyDeliveryAsync()).NextAttemptAt!.Value);
        Assert.Equal(1, await restarted.SendDueAsync());

        Assert.Equal(DeliveryState.Delivered, (await OnlyDeliveryAsync()).State);
    }

    [SkippableFact]
    public async Task Send_FailuresInARowReachTheLimit_DisablesTheSubscriptionWithTheReason()
    {
        Receiver.Answer = _ => Task.FromResult(500);
        var hook = await w.SubscribeAsync(WebhookEvents.CaseCreated);
        for (var i = 0; i < 5; i++) await S.NewCaseAsync();
        await w.QueueAsync();

        await w.SendAsync();

        var info = await w.Service.GetAsync(hook.Webhook.Id, S.Admin);
        Assert.False(info.Enabled);
        Assert.Contains("5 delivery attempts in a row failed; the last got HTTP 500", info.DisabledReason);
        await using var db = await S.DbAsync();
        var audit = await db.AuditEvents.SingleAsync(e => e.Subject == WebhookAudit.Subject(hook.Webhook.Id) && e.Type == WebhookAudit.Disabled);
        Assert.Equal((Features.Security.ActorType.System, "webhooks"), (audit.ActorType, audit.ActorName));
    }

    [SkippableFact]
    public async Task Send_LastAttemptFails_GivesTheDeliveryUpAndDisablesTheSubscription()
    {
        Receiver.Answer = _ => Task.FromResult(410);
        var hook = await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await S.NewCaseAsync();
        await w.QueueAsync();

        for (var i = 0; i < 4; i++)
        {
            await w.SendAsync();
            S.Clock.Advance(TimeSpan.FromHours(1));
        }

        var d = await OnlyDeliveryAsync();
        Assert.Equal((DeliveryState.Failed, 4), (d.State, d.AttemptsMade));
        Assert.Contains($"Delivery {d.PublicId} (case.created) was given up after 4 attempts", (await w.Service.GetAsync(hook.Webhook.Id, S.Admin)).DisabledReason);
    }

    [SkippableFact]
    public async Task Send_DisabledSubscription_HoldsItsDeliveriesUntilEnabledAgain()
    {
        var hook = await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await S.NewCaseAsync();
        await w.QueueAsync();
        await w.Service.UpdateAsync(hook.Webhook.Id, new WebhookChange(Enabled: false), S.Admin);

        Assert.Equal(0, await w.SendAsync());
        Assert.Equal("held", (await w.Service.DeliveriesAsync(hook.Webhook.Id, 10, null, S.Admin)).Deliveries.Single().Status);

        await w.Service.UpdateAsync(hook.Webhook.Id, new WebhookChange(Enabled: true), S.Admin);
        Assert.Equal(1, await w.SendAsync());
    }

    [SkippableFact]
    public async Task Replay_DeliveredEvent_SendsTheSameBytesAgainAsANewDelivery()
    {
        await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await S.NewCaseAsync();
        await w.QueueAsync();
        await w.SendAsync();
        var original = await OnlyDeliveryAsync();

        var replay = await w.Service.ReplayAsync(original.PublicId, S.Admin);
        await w.SendAsync();

        Assert.Equal(original.PublicId, replay.ReplayOf);
        Assert.Equal(2, Receiver.Requests.Count);
        Assert.Equal(Receiver.Requests[0].Body, Receiver.Requests[1].Body);
        Assert.Equal("delivered", (await w.Service.DeliveryAsync(replay.Id, S.Admin)).Delivery.Status);
    }

    [SkippableFact]
    public async Task SendTest_DisabledSubscription_MakesOneAttemptThatCountsForNothing()
    {
        Receiver.Answer = _ => Task.FromResult(500);
        var hook = await w.SubscribeAsync();
        await w.Service.UpdateAsync(hook.Webhook.Id, new WebhookChange(Enabled: false), S.Admin);

        var test = await w.Service.SendTestAsync(hook.Webhook.Id, S.Admin);
        await w.SendAsync();

        Assert.Equal(WebhookEvents.Test, Assert.Single(Receiver.Requests).EventName);
        Assert.Equal(("failed", 1), ((await w.Service.DeliveryAsync(test.Id, S.Admin)).Delivery.Status, test.MaxAttempts));
        Assert.Equal(0, (await w.Service.GetAsync(hook.Webhook.Id, S.Admin)).ConsecutiveFailures);
    }

    [SkippableFact]
    public async Task Send_ReceiverDoesNotAnswerInTime_RecordsATimeoutAndRetriesLater()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Receiver.Answer = _ => { arrived.TrySetResult(); return release.Task; };
        await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await S.NewCaseAsync();
        await w.QueueAsync();

        var sending = w.SendAsync();
        await arrived.Task;
        S.Clock.Advance(TimeSpan.FromSeconds(11));   // past the attempt timeout (10 s), on the clock the resilience handler reads
        await sending;
        release.SetResult(200);

        var attempt = Assert.Single((await w.Service.DeliveryAsync((await OnlyDeliveryAsync()).PublicId, S.Admin)).Delivery.Attempts);
        Assert.Equal((null, "No answer within 10 s."), (attempt.StatusCode, attempt.Error));
        Assert.Equal(DeliveryState.Pending, (await OnlyDeliveryAsync()).State);
    }

    [SkippableFact]
    public async Task Prune_FinishedDeliveriesPastTheirRetention_AreDeletedAndPendingOnesStay()
    {
        await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await S.NewCaseAsync();
        await w.QueueAsync();
        await w.SendAsync();
        S.Clock.Advance(TimeSpan.FromDays(31));
        await S.NewCaseAsync();
        await w.QueueAsync();

        Assert.Equal(1, await w.Dispatcher.PruneAsync());

        Assert.Equal(DeliveryState.Pending, (await OnlyDeliveryAsync()).State);
    }

    private List<(string? Case, string Name)> Received() => Receiver.Requests.Select(r => (r.CaseId, r.EventName)).ToList();
}

public sealed class WebhookDispatcherTestsOnSqlite() : WebhookDispatcherTests(StoreProvider.Sqlite);

public sealed class WebhookDispatcherTestsOnPostgres() : WebhookDispatcherTests(StoreProvider.Postgres);
