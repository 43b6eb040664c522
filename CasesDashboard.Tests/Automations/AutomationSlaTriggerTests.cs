using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Sla;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Automations;

/// <summary>
/// SLA triggers: the SLA monitor (on the fake clock) records a case's at-risk warning and breach in the event log, and the
/// engine runs a rule on each exactly once — across repeated sweeps and repeated catch-ups. The test template's SLA is 24 h
/// around the clock with a 4 h at-risk window.
/// </summary>
public abstract class AutomationSlaTriggerTests(StoreProvider provider) : IAsyncLifetime
{
    private TestAutomations a = default!;
    private TestStore S => a.Store;

    public async Task InitializeAsync() => a = await TestAutomations.OnAsync(provider);
    public async Task DisposeAsync() => await a.DisposeAsync();

    private Task<SlaSweep> SweepAsync() => ActivatorUtilities.CreateInstance<SlaMonitor>(S.Services).SweepAsync();

    private async Task<int> SucceededRunsAsync(string ruleId) =>
        (await a.Service.RunsAsync(ruleId)).Count(r => r.Outcome == RunOutcome.Succeeded);

    [SkippableFact]
    public async Task SlaBreached_MonitorRecordsBreach_RunsRuleExactlyOnce()
    {
        var rule = await a.RuleAsync("Breach", """
            {"trigger": {"type": "sla_breached", "template": "TST"}, "actions": [{"type": "add_tag", "tag": "breached"}, {"type": "add_comment", "comment": "SLA missed"}]}
            """);
        var id = await S.NewCaseAsync(S.Analyst);
        await a.RunAsync();
        Assert.DoesNotContain("breached", (await S.Query.GetAsync(id, S.Admin)).Tags);

        S.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, (await SweepAsync()).Breached);
        await a.RunAsync();
        Assert.Equal(0, (await SweepAsync()).Breached);
        await a.RunAsync();

        Assert.Contains("breached", (await S.Query.GetAsync(id, S.Admin)).Tags);
        Assert.Equal(1, await SucceededRunsAsync(rule));
    }

    [SkippableFact]
    public async Task SlaAtRisk_MonitorWarns_RunsAtRiskRuleOnceAndNotTheBreachRule()
    {
        var atRisk = await a.RuleAsync("At risk", """
            {"trigger": {"type": "sla_at_risk"}, "actions": [{"type": "set_priority", "priority": "urgent"}]}
            """);
        var breach = await a.RuleAsync("Breach", """{"trigger": {"type": "sla_breached"}, "actions": [{"type": "add_tag", "tag": "breached"}]}""");
        var id = await S.NewCaseAsync(S.Analyst);

        S.Clock.Advance(TimeSpan.FromHours(21));
        Assert.Equal(1, (await SweepAsync()).AtRisk);
        await a.RunAsync();
        await SweepAsync();
        await a.RunAsync();

        var c = await S.Query.GetAsync(id, S.Admin);
        Assert.Equal(Features.Templates.CasePriority.Urgent, c.Priority);
        Assert.DoesNotContain("breached", c.Tags);
        Assert.Equal(1, await SucceededRunsAsync(atRisk));
        Assert.Equal(0, await SucceededRunsAsync(breach));
    }

    [SkippableFact]
    public async Task SlaBreached_OtherTemplate_DoesNotFire()
    {
        var other = TestTemplates.Review();
        other.Key = "OTH";
        other.Name = "Other";
        await S.Templates.ImportAsync(other, Features.Security.Actor.System("test"));
        var rule = await a.RuleAsync("Breach", """{"trigger": {"type": "sla_breached", "template": "OTH"}, "actions": [{"type": "add_tag", "tag": "breached"}]}""");
        await S.NewCaseAsync(S.Analyst);
        S.Clock.Advance(TimeSpan.FromHours(25));
        await SweepAsync();
        await a.RunAsync();

        Assert.Equal(0, await SucceededRunsAsync(rule));
    }

    [SkippableFact]
    public async Task DryRun_SlaBreachedRule_ShowsOnlyCasesPastTheirSla()
    {
        var late = await S.NewCaseAsync(S.Analyst);
        S.Clock.Advance(TimeSpan.FromHours(25));
        await S.NewCaseAsync(S.Analyst);

        var result = await a.DryRun.RunAsync(new RuleInput("Breach", RuleDefinition.FromJson("""
            {"trigger": {"type": "sla_breached"}, "actions": [{"type": "add_tag", "tag": "breached"}]}
            """)));

        Assert.Equal(late, Assert.Single(result.Items).Id);
    }

    [Fact]
    public void RuleText_SlaTriggers_ReadAsWords()
    {
        Assert.Equal("SLA breached in ATO", RuleText.Trigger(new RuleTrigger { Type = TriggerTypes.SlaBreached, Template = "ATO" }));
        Assert.Equal("SLA at risk", RuleText.Trigger(new RuleTrigger { Type = TriggerTypes.SlaAtRisk }));
    }
}

public sealed class AutomationSlaTriggerTestsOnSqlite() : AutomationSlaTriggerTests(StoreProvider.Sqlite);

public sealed class AutomationSlaTriggerTestsOnPostgres() : AutomationSlaTriggerTests(StoreProvider.Postgres);
