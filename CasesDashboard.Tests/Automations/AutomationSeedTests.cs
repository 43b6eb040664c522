using System.Text.Json.Nodes;
using CasesDashboard.Data;
using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Automations;
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
        Assert.Equal(3, rules.Count);
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
}

public sealed class AutomationSeedTestsOnSqlite() : AutomationSeedTests(StoreProvider.Sqlite);

public sealed class AutomationSeedTestsOnPostgres() : AutomationSeedTests(StoreProvider.Postgres);
