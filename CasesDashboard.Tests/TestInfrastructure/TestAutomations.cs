using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>
/// A <see cref="TestStore"/> with the automation engine's cursor at the log's head, and the engine's step run by hand
/// (<see cref="RunAsync"/>), as the background service would.
/// </summary>
public sealed class TestAutomations : IAsyncDisposable
{
    public TestStore Store { get; }
    private TestAutomations(TestStore store) => Store = store;

    public static async Task<TestAutomations> OnAsync(StoreProvider provider, Dictionary<string, string?>? settings = null,
        params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var all = new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true" };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var a = new TestAutomations(await TestStore.OnAsync(provider, all, withTemplate: true, interceptors));
        await a.Engine.CatchUpAsync();
        return a;
    }

    public AutomationService Service => Store.Services.GetRequiredService<AutomationService>();
    public AutomationEngine Engine => Store.Services.GetRequiredService<AutomationEngine>();
    public AutomationScheduler Scheduler => Store.Services.GetRequiredService<AutomationScheduler>();
    public AutomationDryRun DryRun => Store.Services.GetRequiredService<AutomationDryRun>();

    /// <summary>A new engine over the same store, as a restarted process would have.</summary>
    public AutomationEngine NewEngine() => ActivatorUtilities.CreateInstance<AutomationEngine>(Store.Services);

    /// <summary>A rule from its definition JSON (snake_case, as in <c>seed-data/automations.json</c>), made by the admin.</summary>
    public Task<string> RuleAsync(string name, string definitionJson, bool enabled = true) =>
        Service.CreateAsync(new RuleInput(name, RuleDefinition.FromJson(definitionJson), enabled), Store.Admin);

    /// <summary>What the engine does on its own: handle everything committed, until no run makes new events.</summary>
    public async Task RunAsync()
    {
        for (var i = 0; i < 20 && await Engine.CatchUpAsync() > 0; i++) { }
    }

    public async Task<List<AutomationRun>> RunsAsync()
    {
        await using var db = await Store.DbAsync();
        return await db.AutomationRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
