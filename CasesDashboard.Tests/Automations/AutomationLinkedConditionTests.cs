using System.Text.Json.Nodes;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Automations;

/// <summary>
/// Conditions over linked objects in rules: any (the default) and all quantifiers, counts, amounts and ages, compiled into the
/// engine's one query per rule on both stores; a quantifier where it means nothing is refused on save at its path.
/// </summary>
public abstract class AutomationLinkedConditionTests(StoreProvider provider) : IAsyncLifetime
{
    private TestAutomations a = default!;
    private TestStore S => a.Store;

    public async Task InitializeAsync() => a = await TestAutomations.OnAsync(provider);
    public async Task DisposeAsync() => await a.DisposeAsync();

    private Task Rule(string condition) => a.RuleAsync("Mark", $$"""
        {"trigger": {"type": "case_created"}, "condition": {{condition}}, "actions": [{"type": "add_tag", "tag": "fired"}]}
        """);

    private async Task<bool> FiresOnAsync(params (decimal Amount, string Currency)[] transactions)
    {
        var ids = new List<string>();
        foreach (var (amount, currency) in transactions)
            ids.Add((await S.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = amount, ["currency"] = currency }, S.Admin)).Id);
        var id = await S.Cases.CreateAsync(new NewCase(TestTemplates.Key) { ObjectIds = ids }, S.Admin);
        await a.RunAsync();
        return (await S.Query.GetAsync(id, S.Admin)).Tags.Contains("fired");
    }

    [SkippableFact]
    public async Task AnyAmount_OneLarge_Fires()
    {
        await Rule("""{"attribute": "transactions.amount", "operator": "gte", "value": 1000}""");
        Assert.True(await FiresOnAsync((10m, "USD"), (1000m, "USD")));
    }

    [SkippableFact]
    public async Task AllAmounts_OneLarge_DoesNotFire()
    {
        await Rule("""{"attribute": "transactions.amount", "operator": "lt", "value": "500.00", "quantifier": "all"}""");
        Assert.False(await FiresOnAsync((10m, "USD"), (500.01m, "USD")));
    }

    [SkippableFact]
    public async Task AllAmounts_AllSmall_Fires()
    {
        await Rule("""{"attribute": "transactions.amount", "operator": "lt", "value": 500, "quantifier": "all"}""");
        Assert.True(await FiresOnAsync((10m, "USD"), (499.99m, "USD")));
    }

    [SkippableFact]
    public async Task Amount_ComparedAsANumberNotAsText()
    {
        // As text "900" > "1000" and "20" > "1000": only a numeric comparison (ef_compare on SQLite) fires here.
        await Rule("""{"attribute": "transactions.amount", "operator": "lt", "value": 1000, "quantifier": "all"}""");
        Assert.True(await FiresOnAsync((900m, "USD"), (20m, "USD")));
    }

    [SkippableFact]
    public async Task NotEqualUnderAll_MeansNoneEquals()
    {
        await Rule("""{"attribute": "transactions.currency", "operator": "not_eq", "value": "EUR", "quantifier": "all"}""");
        Assert.False(await FiresOnAsync((10m, "USD"), (10m, "EUR")));
    }

    [SkippableFact]
    public async Task Count_CountsLinkedObjectsOfTheKind()
    {
        await Rule("""{"attribute": "transactions.count", "operator": "eq", "value": 2}""");
        Assert.False(await FiresOnAsync((1m, "USD")));
        Assert.True(await FiresOnAsync((1m, "USD"), (2m, "USD")));
    }

    [SkippableFact]
    public async Task AgeDays_ObjectOlderThanThat_Fires()
    {
        await Rule("""{"attribute": "transactions.age_days", "operator": "gt", "value": 30}""");
        var old = await S.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 1 }, S.Admin);
        S.Clock.Advance(TimeSpan.FromDays(31));
        var young = await S.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 1 }, S.Admin);
        var withOld = await S.Cases.CreateAsync(new NewCase(TestTemplates.Key) { ObjectIds = [old.Id] }, S.Admin);
        var withYoung = await S.Cases.CreateAsync(new NewCase(TestTemplates.Key) { ObjectIds = [young.Id] }, S.Admin);
        await a.RunAsync();

        Assert.Contains("fired", (await S.Query.GetAsync(withOld, S.Admin)).Tags);
        Assert.DoesNotContain("fired", (await S.Query.GetAsync(withYoung, S.Admin)).Tags);
    }

    private async Task<bool> FiresWithExternalAsync(params string[] alerts)
    {
        var id = await S.Cases.CreateAsync(new NewCase(TestTemplates.Key)
        {
            ExternalData = alerts.Select(json => new NewExternalDocument("alert", json, "monitor")).ToList(),
        }, S.Admin);
        await a.RunAsync();
        return (await S.Query.GetAsync(id, S.Admin)).Tags.Contains("fired");
    }

    [SkippableFact]
    public async Task ExternalPath_NumberAboveTheValue_Fires()
    {
        await Rule("""{"attribute": "external.alert", "json_path": "$.risk.score", "operator": "gt", "value": 70}""");
        Assert.True(await FiresWithExternalAsync("""{"risk": {"score": 85}}"""));
        Assert.False(await FiresWithExternalAsync("""{"risk": {"score": 12}}"""));
        Assert.False(await FiresWithExternalAsync());
    }

    [SkippableFact]
    public async Task ExternalPath_TextInAnArray_Matches()
    {
        await Rule("""{"attribute": "external.alert", "json_path": "$.hits[1].\"rule id\"", "operator": "in", "value": ["structuring", "velocity"]}""");
        Assert.True(await FiresWithExternalAsync("""{"hits": [{"rule id": "geo"}, {"rule id": "velocity"}]}"""));
        Assert.False(await FiresWithExternalAsync("""{"hits": [{"rule id": "velocity"}]}"""));
    }

    [SkippableFact]
    public async Task ExternalPath_Unportable_IsRefusedAtItsPath()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            Rule("""{"attribute": "external.alert", "json_path": "$.hits[#-1]", "operator": "eq", "value": "x"}"""));
        Assert.Contains(e.Problems, p => p.Path == "condition.json_path");
    }

    [SkippableFact]
    public async Task Quantifier_OnACaseAttribute_IsRefusedAtItsPath()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Rule("""{"attribute": "priority", "operator": "eq", "value": "high", "quantifier": "all"}"""));
        Assert.Contains(e.Problems, p => p.Path == "condition.quantifier");
    }

    [SkippableFact]
    public async Task Quantifier_Unknown_IsRefused()
    {
        await Assert.ThrowsAnyAsync<InputException>(() => Rule("""{"attribute": "transactions.amount", "operator": "lt", "value": 5, "quantifier": "most"}"""));
    }
}

public sealed class AutomationLinkedConditionTestsOnSqlite() : AutomationLinkedConditionTests(StoreProvider.Sqlite);

public sealed class AutomationLinkedConditionTestsOnPostgres() : AutomationLinkedConditionTests(StoreProvider.Postgres);
