using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Objects;
using CasesDashboard.Tests.TestInfrastructure;
using System.Text.Json.Nodes;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Automations;

/// <summary>Every trigger fires on its change (and only on it): the rule's action lands on the case.</summary>
public abstract class AutomationTriggerTests(StoreProvider provider) : IAsyncLifetime
{
    private TestAutomations a = default!;
    private TestStore S => a.Store;

    public async Task InitializeAsync() => a = await TestAutomations.OnAsync(provider);
    public async Task DisposeAsync() => await a.DisposeAsync();

    private Task Rule(string trigger) =>
        a.RuleAsync("Mark", $$"""{"trigger": {{trigger}}, "actions": [{"type": "add_tag", "tag": "fired"}]}""");

    private async Task<bool> FiredAsync(string caseId)
    {
        await a.RunAsync();
        return (await S.Query.GetAsync(caseId, S.Admin)).Tags.Contains("fired");
    }

    [SkippableFact]
    public async Task CaseCreated_NewCase_Fires()
    {
        await Rule("""{"type": "case_created", "template": "TST"}""");
        Assert.True(await FiredAsync(await S.NewCaseAsync()));
    }

    [SkippableFact]
    public async Task StatusChanged_FromTo_FiresOnlyOnThatMove()
    {
        await Rule("""{"type": "status_changed", "from": "open", "to": "Working"}""");
        var id = await S.NewCaseAsync(S.Analyst);
        Assert.False(await FiredAsync(id));
        await S.Cases.ApplyActionAsync(id, "start", null, null, S.Analyst);
        Assert.True(await FiredAsync(id));
    }

    [SkippableFact]
    public async Task StatusChanged_OtherTarget_DoesNotFire()
    {
        await Rule("""{"type": "status_changed", "to": "approved"}""");
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.ApplyActionAsync(id, "start", null, null, S.Analyst);
        Assert.False(await FiredAsync(id));
    }

    [SkippableFact]
    public async Task FieldChanged_ThatField_Fires()
    {
        await Rule("""{"type": "field_changed", "field": "note"}""");
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.UpdateFieldsAsync(id, Fields(("count", 2)), null, S.Analyst);
        Assert.False(await FiredAsync(id));
        await S.Cases.UpdateFieldsAsync(id, Fields(("note", "seen")), null, S.Analyst);
        Assert.True(await FiredAsync(id));
    }

    [SkippableFact]
    public async Task TagAdded_ThatTag_Fires()
    {
        await Rule("""{"type": "tag_added", "tag": "vip"}""");
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.AddTagAsync(id, "vip", S.Analyst);
        Assert.True(await FiredAsync(id));
    }

    [SkippableFact]
    public async Task TagRemoved_ThatTag_Fires()
    {
        await Rule("""{"type": "tag_removed", "tag": "vip"}""");
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.AddTagAsync(id, "vip", S.Analyst);
        Assert.False(await FiredAsync(id));
        await S.Cases.RemoveTagAsync(id, "vip", S.Analyst);
        Assert.True(await FiredAsync(id));
    }

    [SkippableFact]
    public async Task ObjectLinked_OfThatKind_Fires()
    {
        await Rule("""{"type": "object_linked", "object_type": "report"}""");
        var id = await S.NewCaseAsync(S.Analyst);
        var account = await S.Objects.CreateAsync(ObjectKind.Account, new JsonObject { ["name"] = "A" }, S.Admin);
        await S.Cases.LinkObjectAsync(id, account.Id, S.Analyst);
        Assert.False(await FiredAsync(id));
        var report = await S.Objects.CreateAsync(ObjectKind.Report, new JsonObject { ["report_type"] = "watchlist", ["match_count"] = 2 }, S.Admin);
        await S.Cases.LinkObjectAsync(id, report.Id, S.Analyst);
        Assert.True(await FiredAsync(id));
    }

    [SkippableFact]
    public async Task CommentAdded_Fires()
    {
        await Rule("""{"type": "comment_added"}""");
        var id = await S.NewCaseAsync(S.Analyst);
        await S.Cases.AddCommentAsync(id, "hello", S.Analyst);
        Assert.True(await FiredAsync(id));
    }

    [SkippableFact]
    public async Task Assigned_Fires_AndUnassigned_Fires()
    {
        await Rule("""{"type": "assigned"}""");
        await a.RuleAsync("Unmark", """{"trigger": {"type": "unassigned"}, "actions": [{"type": "add_tag", "tag": "dropped"}]}""");
        var id = await S.NewCaseAsync(S.Analyst);
        Assert.True(await FiredAsync(id));
        await S.Cases.AssignAsync(id, null, null, S.Lead);
        await a.RunAsync();
        Assert.Contains("dropped", (await S.Query.GetAsync(id, S.Admin)).Tags);
    }

    [SkippableFact]
    public async Task ObjectCreated_OverAmount_CreatesCaseLinkingIt()
    {
        await a.RuleAsync("Big transactions", """
            {"trigger": {"type": "object_created", "object_type": "transaction"},
             "condition": {"attribute": "amount", "operator": "gt", "value": 10000},
             "actions": [{"type": "create_case", "template": "TST"}, {"type": "add_tag", "tag": "big"}]}
            """);
        await S.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 50, ["reference_id"] = "u1" }, S.Admin);
        var big = await S.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 25000, ["reference_id"] = "u2" }, S.Admin);

        await a.RunAsync();

        var runs = await a.RunsAsync();
        var created = Assert.Single(runs, r => r.Outcome == RunOutcome.Succeeded);
        Assert.Equal(big.Id, created.ObjectId);
        var c = await S.Query.GetAsync(created.CasePublicId!, S.Admin);
        Assert.Contains("big", c.Tags);
        Assert.Contains(runs, r => r.Outcome == RunOutcome.NotMatched && r.FailedCondition!.Contains("amount gt 10000"));
    }

    [SkippableFact]
    public async Task ObjectUpdated_Fires()
    {
        await a.RuleAsync("Declined", """
            {"trigger": {"type": "object_updated", "object_type": "inquiry"},
             "condition": {"attribute": "status", "operator": "eq", "value": "declined"},
             "actions": [{"type": "create_case", "template": "TST"}]}
            """);
        var inquiry = await S.Objects.CreateAsync(ObjectKind.Inquiry, new JsonObject { ["status"] = "pending" }, S.Admin);
        await S.Objects.UpdateAsync(inquiry.Id, new JsonObject { ["status"] = "declined" }, S.Admin);

        await a.RunAsync();

        Assert.Single(await a.RunsAsync(), r => r.Outcome == RunOutcome.Succeeded && r.ObjectId == inquiry.Id);
    }

    [SkippableFact]
    public async Task CreateCase_OpenCaseForSameAccount_IsDeduplicated()
    {
        await a.RuleAsync("Per account", """
            {"trigger": {"type": "object_created", "object_type": "transaction"},
             "actions": [{"type": "create_case", "template": "TST"}]}
            """);
        await S.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 1, ["reference_id"] = "acct-7" }, S.Admin);
        await a.RunAsync();
        await S.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 2, ["reference_id"] = "acct-7" }, S.Admin);
        await a.RunAsync();

        var runs = await a.RunsAsync();
        Assert.Equal([RunOutcome.Succeeded, RunOutcome.Deduplicated], runs.Select(r => r.Outcome));
        Assert.Contains("already open", AutomationService.ActionsOf(runs[1]).Single());
    }

    [SkippableFact]
    public async Task CreateCase_DedupeOff_CreatesAnother()
    {
        await a.RuleAsync("Every one", """
            {"trigger": {"type": "object_created"}, "actions": [{"type": "create_case", "template": "TST", "dedupe": false}]}
            """);
        await S.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 1, ["reference_id"] = "acct-8" }, S.Admin);
        await S.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 2, ["reference_id"] = "acct-8" }, S.Admin);
        await a.RunAsync();

        Assert.Equal(2, (await a.RunsAsync()).Count(r => r.Outcome == RunOutcome.Succeeded));
    }
}

public sealed class AutomationTriggerTestsOnSqlite() : AutomationTriggerTests(StoreProvider.Sqlite);

public sealed class AutomationTriggerTestsOnPostgres() : AutomationTriggerTests(StoreProvider.Postgres);
