using System.Text.Json.Nodes;
using CasesDashboard.Data;
using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Templates;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Automations;

/// <summary>seed-data/automations.json, imported by the same importer admins use, valid against the seeded templates and queues.</summary>
public abstract class AutomationSeedTests(StoreProvider provider)
{
    private async Task<TestStore> SeededAsync()
    {
        var store = await TestStore.OnAsync(provider, new() { ["Seed:DemoPassword"] = "Demo-pass-2026!", ["Seed:DemoCases"] = "0" }, withTemplate: false);
        await using var scope = store.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportReferenceDataAsync();
        return store;
    }

    [SkippableFact]
    public async Task Seed_ImportsEveryRuleEnabled_AndAgainChangesNothing()
    {
        await using var s = await SeededAsync();
        await using (var scope = s.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportReferenceDataAsync();

        var rules = await s.Services.GetRequiredService<AutomationService>().ListAsync();
        Assert.Equal(5, rules.Count);
        Assert.All(rules, r => Assert.True(r.Enabled && r.Version == 1, r.Name));
    }

    [SkippableFact]
    public async Task Seed_LargeTransaction_OpensOneMonitoringCasePerAccount()
    {
        await using var s = await SeededAsync();
        var engine = s.Services.GetRequiredService<AutomationEngine>();
        await engine.CatchUpAsync();
        var system = Actor.System("test");
        await s.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 25000, ["reference_id"] = "acct-1" }, system);
        await s.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 30000, ["reference_id"] = "acct-1" }, system);
        await s.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 20, ["reference_id"] = "acct-2" }, system);

        await engine.CatchUpAsync();

        await using var db = await s.DbAsync();
        var tmr = await db.CaseTemplates.Where(t => t.Key == "TMR").Select(t => t.Id).SingleAsync();
        var c = await db.Cases.Include(x => x.Tags).SingleAsync(x => x.TemplateId == tmr);
        Assert.Contains("large-transaction", c.Tags.Select(t => t.Tag));
        Assert.Equal(ActorType.Automation, c.CreatorType);
    }
    /// <summary>
    /// A TMR case opened by the system on the given transactions (amounts) and one account created that many days ago (the
    /// account is created, then the clock moves on: the service stamps objects with the clock's time).
    /// </summary>
    private static async Task<string> MonitoringCaseAsync(TestStore s, int accountAgeDays, params decimal[] amounts)
    {
        var system = Actor.System("test");
        var ids = new List<string>();
        var account = await s.Objects.CreateAsync(ObjectKind.Account, new JsonObject { ["reference_id"] = "acct-r", ["email"] = "driver@example.com" }, system);
        ids.Add(account.Id);
        s.Clock.Advance(TimeSpan.FromDays(accountAgeDays));
        foreach (var amount in amounts)
            ids.Add((await s.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = amount, ["currency"] = "USD", ["reference_id"] = "acct-r" }, system)).Id);
        return await s.Cases.CreateAsync(new NewCase("TMR") { ObjectIds = ids }, system);
    }

    private static async Task RunEngineAsync(TestStore s)
    {
        var engine = s.Services.GetRequiredService<AutomationEngine>();
        for (var i = 0; i < 20 && await engine.CatchUpAsync() > 0; i++) { }
    }

    [SkippableFact]
    public async Task Seed_SmallTransactionsOldAccount_ClearsTheReviewWithAComment()
    {
        await using var s = await SeededAsync();
        await RunEngineAsync(s);
        var id = await MonitoringCaseAsync(s, accountAgeDays: 800, 120m, 499.99m);

        await RunEngineAsync(s);

        var c = await s.Query.GetAsync(id, s.Admin);
        var runs = await s.Services.GetRequiredService<AutomationService>().RunsAsync(caseId: id);
        Assert.True(c.Status.Key == "cleared", string.Join("; ", runs.Select(r => $"{r.Outcome}: {r.FailedCondition} {r.Error}")));
        Assert.Contains(c.Comments, x => x.Body.Contains("Cleared by automation", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Seed_OneLargeTransaction_LeavesTheReviewOpen()
    {
        await using var s = await SeededAsync();
        await RunEngineAsync(s);
        var id = await MonitoringCaseAsync(s, accountAgeDays: 800, 120m, 500m);

        await RunEngineAsync(s);

        var c = await s.Query.GetAsync(id, s.Admin);
        Assert.Equal("alerted", c.Status.Key);
        Assert.Empty(c.Comments);
    }

    [SkippableFact]
    public async Task Seed_YoungAccount_LeavesTheReviewOpen()
    {
        await using var s = await SeededAsync();
        await RunEngineAsync(s);
        var id = await MonitoringCaseAsync(s, accountAgeDays: 200, 10m);

        await RunEngineAsync(s);

        Assert.Equal("alerted", (await s.Query.GetAsync(id, s.Admin)).Status.Key);
    }

    [SkippableFact]
    public async Task Seed_NoTransactions_LeavesTheReviewOpen()
    {
        await using var s = await SeededAsync();
        await RunEngineAsync(s);
        var id = await MonitoringCaseAsync(s, accountAgeDays: 800);

        await RunEngineAsync(s);

        Assert.Equal("alerted", (await s.Query.GetAsync(id, s.Admin)).Status.Key);
    }

    [SkippableFact]
    public async Task Seed_BreachedTakeoverCase_IsEscalatedToTheLeadOnce()
    {
        await using var s = await SeededAsync();
        await RunEngineAsync(s);
        var id = await s.Cases.CreateAsync(new NewCase("ATO"), Actor.System("test"));
        await RunEngineAsync(s);
        Assert.Null((await s.Query.GetAsync(id, s.Admin)).AssigneeId);

        s.Clock.Advance(TimeSpan.FromDays(10));
        Assert.True((await ActivatorUtilities.CreateInstance<SlaMonitor>(s.Services).SweepAsync()).Breached >= 1);
        await RunEngineAsync(s);
        await ActivatorUtilities.CreateInstance<SlaMonitor>(s.Services).SweepAsync();
        await RunEngineAsync(s);

        var c = await s.Query.GetAsync(id, s.Admin);
        var lead = (await s.Users.AllAsync()).Single(u => u.Email == "lead@example.com");
        Assert.Equal(lead.Id, c.AssigneeId);
        Assert.Equal(CasePriority.Urgent, c.Priority);
        Assert.Single(c.Comments, x => x.Body.Contains("Escalated by automation", StringComparison.Ordinal));
    }
}

public sealed class AutomationSeedTestsOnSqlite() : AutomationSeedTests(StoreProvider.Sqlite);

public sealed class AutomationSeedTestsOnPostgres() : AutomationSeedTests(StoreProvider.Postgres);
