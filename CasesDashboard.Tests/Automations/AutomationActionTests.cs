using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Automations;

/// <summary>Every action, through the case services, audited as the run (workflow-run, the rule's name).</summary>
public abstract class AutomationActionTests(StoreProvider provider) : IAsyncLifetime
{
    private TestAutomations a = default!;
    private TestStore S => a.Store;

    public async Task InitializeAsync() => a = await TestAutomations.OnAsync(provider);
    public async Task DisposeAsync() => await a.DisposeAsync();

    /// <summary>A rule on case creation with <paramref name="actions"/>; a new case; the engine's run; the case after it.</summary>
    private async Task<CaseView> AfterAsync(string actions, string? condition = null)
    {
        await a.RuleAsync("Act", $$"""{"trigger": {"type": "case_created"}, {{(condition is null ? "" : $"\"condition\": {condition},")}} "actions": {{actions}}}""");
        var id = await S.NewCaseAsync();
        await a.RunAsync();
        return await S.Query.GetAsync(id, S.Admin);
    }

    [SkippableFact]
    public async Task SetStatus_AllowedMove_MovesTheCase() =>
        Assert.Equal("working", (await AfterAsync("""[{"type": "set_status", "status": "working"}]""")).Status.Key);

    [SkippableFact]
    public async Task SetStatus_RequiredFieldsMissing_FailsTheRunWithTheReason()
    {
        var c = await AfterAsync("""[{"type": "add_tag", "tag": "first"}, {"type": "set_status", "status": "approved"}]""");

        Assert.Equal("open", c.Status.Key);
        Assert.DoesNotContain("first", c.Tags);   // the run is one transaction: the tag went with it
        var run = Assert.Single(await a.RunsAsync());
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Contains("actions[1] (set_status)", run.Error);
    }

    [SkippableFact]
    public async Task SetPriority_SetsIt() =>
        Assert.Equal(CasePriority.High, (await AfterAsync("""[{"type": "set_priority", "priority": "high"}]""")).Priority);

    [SkippableFact]
    public async Task SetField_SetsIt() =>
        Assert.Equal("auto", (await AfterAsync("""[{"type": "set_field", "field": "note", "value": "auto"}]""")).Fields["note"].GetString());

    [SkippableFact]
    public async Task AddAndRemoveTag_Apply()
    {
        var c = await AfterAsync("""[{"type": "add_tag", "tag": "x"}, {"type": "add_tag", "tag": "y"}, {"type": "remove_tag", "tag": "x"}]""");
        Assert.Equal(["y"], c.Tags);
    }

    [SkippableFact]
    public async Task Assign_ByEmail_AssignsThatUser() =>
        Assert.Equal(S.Analyst.Id, (await AfterAsync("""[{"type": "assign", "user": "analyst@test.local"}]""")).AssigneeId);

    [SkippableFact]
    public async Task SetSla_MovesTheDueTime() =>
        Assert.Equal(TestStore.Start.UtcDateTime.AddHours(2), (await AfterAsync("""[{"type": "set_sla", "sla_hours": 2}]""")).SlaExpiresAt);

    [SkippableFact]
    public async Task AddComment_AddsItAsTheRun()
    {
        var c = await AfterAsync("""[{"type": "add_comment", "comment": "<b>auto</b>"}]""");
        var comment = Assert.Single(c.Comments);
        Assert.Equal("<b>auto</b>", comment.Body);
        Assert.Equal(ActorType.Automation, comment.AuthorType);
        Assert.Equal("Act", comment.AuthorName);
    }

    [SkippableFact]
    public async Task PostWebhook_QueuesADeliveryToThatSubscription()
    {
        var hook = await S.Services.GetRequiredService<Features.Webhooks.WebhookService>()
            .CreateAsync("http://127.0.0.1:9/hook", [Features.Webhooks.WebhookEvents.CaseCreated], S.Admin);
        await AfterAsync($$"""[{"type": "post_webhook", "webhook": "{{hook.Webhook.Id}}"}]""");

        await using var db = await S.DbAsync();
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.EventName == "workflow-run.webhook");
        Assert.Contains("\"workflow-name\":\"Act\"", delivery.Body);
    }

    [SkippableFact]
    public async Task Changes_AreAuditedAsTheRunWithTheRuleName()
    {
        await AfterAsync("""[{"type": "set_priority", "priority": "low"}]""");
        var run = Assert.Single(await a.RunsAsync());

        await using var db = await S.DbAsync();
        var e = await db.AuditEvents.AsNoTracking().SingleAsync(x => x.Field == "priority");
        Assert.Equal((ActorType.Automation, run.PublicId, "Act"), (e.ActorType, e.ActorId, e.ActorName));
        Assert.Equal("workflow-run", Actor.TypeNameOf(e.ActorType));
    }

    [SkippableFact]
    public async Task Condition_False_DoesNotRun_AndLogsTheFailingPart()
    {
        var c = await AfterAsync("""[{"type": "add_tag", "tag": "hit"}]""",
            """{"and": [{"attribute": "state", "operator": "eq", "value": "open"}, {"attribute": "priority", "operator": "eq", "value": "urgent"}]}""");

        Assert.Empty(c.Tags);
        var run = Assert.Single(await a.RunsAsync());
        Assert.Equal(RunOutcome.NotMatched, run.Outcome);
        Assert.Equal("/condition/and/1: priority eq \"urgent\"", run.FailedCondition);
    }

    [SkippableFact]
    public async Task Condition_FieldAndTemplate_Matches()
    {
        await a.RuleAsync("Counted", """
            {"trigger": {"type": "field_changed", "field": "count"},
             "condition": {"and": [{"attribute": "template", "operator": "eq", "value": "TST"}, {"attribute": "fields.count", "operator": "gte", "value": 5},
                                   {"not": {"attribute": "tags", "operator": "contains", "value": "seen"}}]},
             "actions": [{"type": "add_tag", "tag": "many"}]}
            """);
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.UpdateFieldsAsync(id, Fields(("count", 3)), null, S.Analyst);
        await a.RunAsync();
        Assert.Empty((await S.Query.GetAsync(id, S.Admin)).Tags);
        await S.Cases.UpdateFieldsAsync(id, Fields(("count", 7)), null, S.Analyst);
        await a.RunAsync();
        Assert.Equal(["many"], (await S.Query.GetAsync(id, S.Admin)).Tags);
    }

    [SkippableFact]
    public async Task Actor_HasOnlyTheRolesTheRuleGrants()
    {
        // An analyst-only rule may not assign someone else's case: the run fails with the permission's reason.
        await a.RuleAsync("Weak", """{"trigger": {"type": "case_created"}, "roles": ["Analyst"], "actions": [{"type": "assign", "user": "other@test.local"}]}""");
        var id = await S.NewCaseAsync();
        await a.RunAsync();

        Assert.Null((await S.Query.GetAsync(id, S.Admin)).AssigneeId);
        Assert.Equal(RunOutcome.Failed, Assert.Single(await a.RunsAsync()).Outcome);
    }
}

public sealed class AutomationActionTestsOnSqlite() : AutomationActionTests(StoreProvider.Sqlite);

public sealed class AutomationActionTestsOnPostgres() : AutomationActionTests(StoreProvider.Postgres);
