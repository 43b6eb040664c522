using Bunit;
using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Automations.Components;
using CasesDashboard.Features.Common;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Automations;

/// <summary>Case actions backed by rules (manual trigger): who may press them, and what a press does.</summary>
public abstract class ManualActionTests(StoreProvider provider) : IAsyncLifetime
{
    private TestAutomations a = default!;
    private TestStore S => a.Store;
    private ManualActions Manual => S.Services.GetRequiredService<ManualActions>();

    public async Task InitializeAsync() => a = await TestAutomations.OnAsync(provider);
    public async Task DisposeAsync() => await a.DisposeAsync();

    private Task<string> EscalateRuleAsync() => a.RuleAsync("Escalate", """
        {"trigger": {"type": "manual", "template": "TST"}, "roles": ["Lead"],
         "actions": [{"type": "set_priority", "priority": "urgent"}, {"type": "assign", "user": "lead@test.local"}]}
        """);

    [SkippableFact]
    public async Task Press_ByTheAssignee_RunsTheRulesActionsAsTheRun()
    {
        var rule = await EscalateRuleAsync();
        var id = await S.NewCaseAsync(S.Analyst);

        var run = await Manual.RunAsync(rule, id, S.Analyst);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal("manual: pressed by Sam Analyst", run.Trigger);
        var c = await S.Query.GetAsync(id, S.Admin);
        Assert.Equal((Features.Templates.CasePriority.Urgent, S.Lead.Id), (c.Priority, c.AssigneeId));
    }

    [SkippableFact]
    public async Task Press_BySomeoneWhoMayNotWorkTheCase_IsRefusedWithTheReason()
    {
        var rule = await EscalateRuleAsync();
        var id = await S.NewCaseAsync(S.Analyst);

        var offered = Assert.Single(await Manual.ForCaseAsync(id, S.OtherAnalyst));
        Assert.False(offered.Press.Ok);
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Manual.RunAsync(rule, id, S.OtherAnalyst));
        Assert.Equal(offered.Press.WhyNot, e.Message);
    }
}

public sealed class ManualActionTestsOnSqlite() : ManualActionTests(StoreProvider.Sqlite);

public sealed class ManualActionTestsOnPostgres() : ManualActionTests(StoreProvider.Postgres);

/// <summary>The case page's buttons for rule-backed case actions, clicked.</summary>
public sealed class ManualActionButtonsTests : IAsyncLifetime
{
    private TestAutomations a = default!;
    private ComponentHarness h = default!;

    public async Task InitializeAsync()
    {
        a = await TestAutomations.OnAsync(StoreProvider.Sqlite);
        h = ComponentHarness.Over(a.Store);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Click_RunsTheRuleAndSaysWhatItDid()
    {
        var rule = await a.RuleAsync("Flag", """{"trigger": {"type": "manual"}, "actions": [{"type": "add_tag", "tag": "flagged"}]}""");
        var id = await a.Store.NewCaseAsync(a.Store.Analyst);
        h.SignIn(a.Store.Analyst);
        var buttons = h.Render<ManualActionButtons>(p => p.Add(x => x.CaseId, id));

        buttons.Find($"[data-manual-action={rule}]").Click();

        buttons.WaitForAssertion(() => Assert.Equal("Flag: tag + flagged", buttons.Find("[data-testid=case-automation-result]").TextContent));
        Assert.Equal(["flagged"], (await a.Store.Query.GetAsync(id, a.Store.Admin)).Tags);
    }
}
