using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

/// <summary>Every actor has only the roles it was given: an API key or an automation is no lead unless made one.</summary>
public abstract class ActorRolesTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private static Actor Key(params string[] roles) => new(ActorType.ApiKey, "key_ci", "CI key", roles.ToHashSet());
    private static Actor Rule(params string[] roles) => new(ActorType.Automation, "rule_1", "Route high risk", roles.ToHashSet());

    [SkippableFact]
    public async Task Create_ByAViewerApiKey_IsRefused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.CreateAsync(new NewCase(TestTemplates.Key), Key(Roles.Viewer)));
    }

    [SkippableFact]
    public async Task Assign_ByAnAnalystAutomationToSomeoneElse_IsRefused()
    {
        var id = await s.NewCaseAsync();

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.AssignAsync(id, s.OtherAnalyst.Id, 1, Rule(Roles.Analyst)));

        Assert.Contains("Only leads and admins", e.Message);
    }

    [SkippableFact]
    public async Task Assign_ByALeadAutomation_IsAllowed()
    {
        var id = await s.NewCaseAsync();

        await s.Cases.AssignAsync(id, s.OtherAnalyst.Id, 1, Rule(Roles.Lead));

        Assert.Equal("Ana Other", (await s.Query.GetAsync(id, s.Lead)).AssigneeName);
    }

    [SkippableFact]
    public async Task ApplyAction_ByAnAnalystApiKeyOnAnUnassignedCase_IsRefused()
    {
        var id = await s.NewCaseAsync();

        var e = await Assert.ThrowsAsync<ForbiddenException>(() =>
            s.Cases.ApplyActionAsync(id, "escalate_close", null, 1, Key(Roles.Analyst), Fields(("verdict", "clean"), ("confirmed", true))));

        Assert.Contains("Assign TST-1 to yourself", e.Message);
    }

    [SkippableFact]
    public async Task AttachExternalData_ByAViewerApiKey_IsRefused()
    {
        var id = await s.NewCaseAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.AttachExternalDataAsync(id, "device", "{}", "api", Key(Roles.Viewer)));
    }

    [SkippableFact]
    public async Task TemplateVisibility_AppliesToApiKeysByTheirRole()
    {
        var editor = s.Services.GetRequiredService<TemplateEditorService>();
        var d = (await editor.GetDraftAsync(TestTemplates.Key)).Definition;
        d.VisibleToRoles = [Roles.Lead];
        await editor.PublishAsync(TestTemplates.Key, s.Admin, edits: d);
        var id = await s.NewCaseAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => s.Query.GetAsync(id, Key(Roles.Analyst)));
        Assert.Equal(id, (await s.Query.GetAsync(id, Key(Roles.Lead))).Id);
    }
}

public sealed class ActorRolesTestsOnSqlite() : ActorRolesTests(StoreProvider.Sqlite);

public sealed class ActorRolesTestsOnPostgres() : ActorRolesTests(StoreProvider.Postgres);
