using CasesDashboard.Data;
using CasesDashboard.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>
/// A <see cref="TestStore"/> (private networks allowed) with a <see cref="TestReceiver"/>, the webhook outbox already at the log's head,
/// and the steps the background services would take, run by hand: <see cref="QueueAsync"/> (the outbox), <see cref="SendAsync"/> (the dispatcher).
/// </summary>
public sealed class TestWebhooks : IAsyncDisposable
{
    public TestStore Store { get; }
    public TestReceiver Receiver { get; }

    private TestWebhooks(TestStore store, TestReceiver receiver) => (Store, Receiver) = (store, receiver);

    public static async Task<TestWebhooks> OnAsync(StoreProvider provider, Dictionary<string, string?>? settings = null,
        params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var all = new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true" };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var store = await TestStore.OnAsync(provider, all, withTemplate: true, interceptors);
        var hooks = new TestWebhooks(store, await TestReceiver.StartAsync());
        await hooks.QueueAsync();
        return hooks;
    }

    public WebhookService Service => Store.Services.GetRequiredService<WebhookService>();
    public WebhookOutbox Outbox => Store.Services.GetRequiredService<WebhookOutbox>();
    public WebhookDispatcher Dispatcher => Store.Services.GetRequiredService<WebhookDispatcher>();

    /// <summary>A dispatcher as a restarted process would have: a new instance over the same store.</summary>
    public WebhookDispatcher NewDispatcher() => ActivatorUtilities.CreateInstance<WebhookDispatcher>(Store.Services);

    /// <summary>A subscription of the receiver to <paramref name="events"/> (all when none are named).</summary>
    public Task<WebhookWithSecret> SubscribeAsync(params string[] events) =>
        Service.CreateAsync(Receiver.Url, events.Length == 0 ? WebhookEvents.All : events, Store.Admin);

    /// <summary>What the outbox does on its own: turn the new audit events into deliveries.</summary>
    public Task<int> QueueAsync() => Outbox.CatchUpAsync();

    /// <summary>What the dispatcher does on its own: send what is due now.</summary>
    public Task<int> SendAsync() => Dispatcher.SendDueAsync();

    public async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = await Store.DbAsync();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Store.DisposeAsync();
    }
}
