using Bunit;
using CasesDashboard.Data;
using CasesDashboard.Features.Webhooks;
using CasesDashboard.Features.Webhooks.Components;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Webhooks;

/// <summary>The admin pages: create (secret shown once), a delivery's attempts, replay, the reason a subscription is disabled.</summary>
public sealed class WebhookPagesTests : IAsyncLifetime
{
    private TestWebhooks w = default!;
    private ComponentHarness h = default!;
    private TestStore S => w.Store;

    public async Task InitializeAsync()
    {
        w = await TestWebhooks.OnAsync(StoreProvider.Sqlite);
        h = ComponentHarness.Over(S).Use<WebhookService>();
        h.SignIn(S.Admin);
    }

    public async Task DisposeAsync()
    {
        await h.DisposeAsync();
        await w.Receiver.DisposeAsync();
    }

    /// <summary>A subscription with one case.created delivery that the receiver first refused (500), then took (200).</summary>
    private async Task<string> DeliveredOnSecondAttemptAsync()
    {
        w.Receiver.AnswerInTurn(500);
        var hook = await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await S.NewCaseAsync();
        await w.QueueAsync();
        await w.SendAsync();
        S.Clock.Advance(TimeSpan.FromMinutes(5));
        await w.SendAsync();
        return hook.Webhook.Id;
    }

    [Fact]
    public void Create_ShowsTheSecretOnceAndListsTheWebhookWithoutIt()
    {
        var page = h.Render<WebhooksPage>();

        page.Find("input[data-testid=webhook-url]").Input(w.Receiver.Url);
        page.Find("input[data-testid='event-case.created']").Change(true);
        page.Find("[data-testid=create-webhook]").Click();

        page.WaitForAssertion(() => Assert.StartsWith(WebhookSecrets.Prefix, page.Find("[data-testid=new-secret] code").TextContent));
        var secret = page.Find("[data-testid=new-secret] code").TextContent;
        var row = page.Find("[data-testid=webhooks] tbody tr");
        Assert.Contains(w.Receiver.Url, row.TextContent);
        Assert.DoesNotContain(secret, row.TextContent);
        Assert.Empty(h.Render<WebhooksPage>().FindAll("[data-testid=new-secret]"));
    }

    [Fact]
    public async Task OpenDelivery_ListsEachAttemptWithItsAnswer()
    {
        var id = await DeliveredOnSecondAttemptAsync();
        var page = h.Render<WebhookPage>(p => p.Add(x => x.Id, id));

        page.WaitForElement("[data-testid=open-delivery]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=attempts] tbody tr").Count));
        var attempts = page.FindAll("[data-testid=attempts] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("HTTP 500", attempts[0]);
        Assert.Contains("answered 500", attempts[0]);
        Assert.Contains("HTTP 200", attempts[1]);
        Assert.Contains("\"name\":\"case.created\"", page.Find("[data-testid=delivery-body]").TextContent);
    }

    [Fact]
    public async Task Replay_QueuesANewDeliveryOfTheSameEvent()
    {
        var id = await DeliveredOnSecondAttemptAsync();
        var page = h.Render<WebhookPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=open-delivery]").Click();

        page.WaitForElement("[data-testid=replay]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=deliveries] tbody tr[data-delivery]").Count));
        var newest = page.FindAll("[data-testid=deliveries] tbody tr[data-delivery]")[0];
        Assert.Contains("replay of", newest.TextContent);
        Assert.Equal("pending", newest.QuerySelector("[data-testid=delivery-status]")!.TextContent);
    }

    [Fact]
    public async Task DisabledSubscription_ShowsWhyAndOffersToEnable()
    {
        var hook = await w.SubscribeAsync(WebhookEvents.CaseCreated);
        await w.Service.UpdateAsync(hook.Webhook.Id, new WebhookChange(Enabled: false), S.Admin);

        var page = h.Render<WebhookPage>(p => p.Add(x => x.Id, hook.Webhook.Id));

        page.WaitForAssertion(() => Assert.Contains($"Disabled by {S.Admin.Name}.", page.Find("[data-testid=disabled-reason]").TextContent));
        Assert.Equal("Enable", page.Find("[data-testid=toggle]").TextContent.Trim());
    }
}
