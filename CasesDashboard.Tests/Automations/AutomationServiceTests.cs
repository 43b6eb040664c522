using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Common;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Automations;

/// <summary>Saving rules: bad input named by its path, versions with who and when, stale edits refused, admins only.</summary>
public abstract class AutomationServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestAutomations a = default!;
    private TestStore S => a.Store;

    public async Task InitializeAsync() => a = await TestAutomations.OnAsync(provider);
    public async Task DisposeAsync() => await a.DisposeAsync();

    private async Task<IReadOnlyList<string>> ProblemsAsync(string json)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => a.RuleAsync("Bad", json));
        return e.Problems.Select(p => p.Path).ToList();
    }

    [SkippableFact]
    public async Task Save_UnknownReferences_EachNamedAtItsPath() =>
        Assert.Equal(["trigger.to", "actions[0].template", "actions[1].field", "actions[2].user", "actions[3].status"], await ProblemsAsync("""
            {"trigger": {"type": "status_changed", "template": "TST", "to": "nowhere"},
             "actions": [{"type": "create_case", "template": "NOPE"}, {"type": "set_field", "field": "ghost", "value": 1},
                         {"type": "assign", "user": "nobody@test.local"}, {"type": "set_status", "status": "gone"}]}
            """));

    [SkippableFact]
    public async Task Save_BadCron_NamesItsError()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => a.RuleAsync("Cron", """
            {"trigger": {"type": "schedule", "cron": "61 * * * *", "time_zone": "Mars/Olympus"},
             "condition": {"attribute": "state", "operator": "eq", "value": "open"}, "actions": [{"type": "add_tag", "tag": "x"}]}
            """));
        Assert.Equal(["trigger.cron", "trigger.time_zone"], e.Problems.Select(p => p.Path));
        Assert.Contains("'61 * * * *' is not a cron expression", e.Message);
    }

    [SkippableFact]
    public async Task Save_BadCondition_NamesThePathInTheTree() =>
        Assert.Equal(["condition/and/1.attribute"], await ProblemsAsync("""
            {"trigger": {"type": "case_created"}, "condition": {"and": [{"attribute": "state", "operator": "eq", "value": "open"},
             {"attribute": "colour", "operator": "eq", "value": "red"}]}, "actions": [{"type": "add_tag", "tag": "x"}]}
            """));

    [SkippableFact]
    public async Task Save_NoActionsNoRolesUnknownTrigger_AreRefused() =>
        Assert.Equal(["trigger.type", "roles", "actions"], await ProblemsAsync("""{"trigger": {"type": "sometimes"}, "roles": [], "actions": []}"""));

    [SkippableFact]
    public async Task Save_ObjectTriggerActionBeforeCreateCase_IsRefused() =>
        Assert.Equal(["actions[0].type"], await ProblemsAsync("""
            {"trigger": {"type": "object_created"}, "actions": [{"type": "add_tag", "tag": "x"}, {"type": "create_case", "template": "TST"}]}
            """));

    [SkippableFact]
    public async Task Edit_KeepsVersionsWithWhoAndWhen()
    {
        var id = await a.RuleAsync("Tag", """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "a"}]}""");
        S.Clock.Advance(TimeSpan.FromMinutes(5));
        var version = await a.Service.UpdateAsync(id, new RuleInput("Tag more", RuleDefinition.FromJson(
            """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "b"}]}""")), 1, S.Admin);
        await a.Service.SetEnabledAsync(id, false, S.Admin);

        var versions = await a.Service.VersionsAsync(id);
        Assert.Equal(2, version);
        Assert.Equal(["disabled", "edited", "created"], versions.Select(v => v.Change));
        Assert.All(versions, v => Assert.Equal(S.Admin.Name, v.EditedBy));
        Assert.Equal(TestStore.Start.UtcDateTime.AddMinutes(5), versions[1].EditedAt);
        Assert.Contains("\"tag\":\"a\"", versions[2].DefinitionJson);
    }

    [SkippableFact]
    public async Task Edit_Stale_IsRefused()
    {
        var id = await a.RuleAsync("Tag", """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "a"}]}""");
        var input = new RuleInput("Tag", RuleDefinition.FromJson("""{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "b"}]}"""));
        await a.Service.UpdateAsync(id, input, 1, S.Admin);

        await Assert.ThrowsAsync<ConflictException>(() => a.Service.UpdateAsync(id, input, 1, S.Admin));
    }

    [SkippableFact]
    public async Task Create_ByALead_IsForbidden() =>
        await Assert.ThrowsAsync<ForbiddenException>(() => a.Service.CreateAsync(new RuleInput("X", RuleDefinition.FromJson(
            """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "a"}]}""")), S.Lead));
}

public sealed class AutomationServiceTestsOnSqlite() : AutomationServiceTests(StoreProvider.Sqlite);

public sealed class AutomationServiceTestsOnPostgres() : AutomationServiceTests(StoreProvider.Postgres);
