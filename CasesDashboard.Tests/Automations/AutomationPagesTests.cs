using Bunit;
using CasesDashboard.Data;
using CasesDashboard.Features.Automations;
using CasesDashboard.Features.Automations.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Automations;

/// <summary>The admin pages, clicked: list (enable, order), editor (trigger, condition tree, actions, save, problems), dry run, run page.</summary>
public sealed class AutomationPagesTests : IAsyncLifetime
{
    private TestAutomations a = default!;
    private ComponentHarness h = default!;
    private TestStore S => a.Store;

    public async Task InitializeAsync()
    {
        a = await TestAutomations.OnAsync(StoreProvider.Sqlite);
        h = ComponentHarness.Over(S).Use<AutomationService>().Use<AutomationDryRun>().Use<RuleImporter>();
        h.SignIn(S.Admin);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private Task<string> TagRuleAsync(string name) =>
        a.RuleAsync(name, """{"trigger": {"type": "case_created"}, "actions": [{"type": "add_tag", "tag": "t"}]}""");

    [Fact]
    public async Task List_SwitchOff_DisablesTheRule()
    {
        var id = await TagRuleAsync("Tagger");
        var page = h.Render<AutomationsPage>();

        page.Find($"tr[data-rule-id={id}] input[data-testid=enabled]").Change(false);

        page.WaitForAssertion(() => Assert.False(a.Service.GetAsync(id).Result.Enabled));
    }

    [Fact]
    public async Task List_MoveUp_ChangesTheOrder()
    {
        await TagRuleAsync("First");
        await TagRuleAsync("Second");
        var page = h.Render<AutomationsPage>();

        page.Find("button[aria-label='Move Second up']").Click();

        page.WaitForAssertion(() => Assert.Equal(["Second", "First"], page.FindAll("[data-rule-id] a.case-link").Select(x => x.TextContent)));
    }

    [Fact]
    public void Editor_NewRule_FilledAndSaved_IsCreatedAndOpened()
    {
        var nav = h.Ctx.Services.GetRequiredService<NavigationManager>();
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, "new"));

        page.Find("input[data-testid=rule-name]").Input("Tag every case");
        page.Find("input[data-testid=action-tag]").Change("auto");
        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Contains("/admin/automations/rul_", nav.Uri));
        var rule = Assert.Single(a.Service.ListAsync().Result);
        Assert.Equal("Tag every case", rule.Name);
        Assert.Equal("auto", Assert.Single(rule.Definition.Actions).Tag);
    }

    [Fact]
    public void Editor_BadInput_ShowsTheProblemNextToTheAction()
    {
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, "new"));

        page.Find("input[data-testid=rule-name]").Input("Bad");
        page.Find("input[data-testid=action-tag]").Change("bad!tag");
        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Contains("A tag is", page.Find("[data-action-index='0'] [data-testid=action-problem]").TextContent));
        Assert.Empty(a.Service.ListAsync().Result);
    }

    [Fact]
    public async Task ConditionTree_AddConditionAndSave_StoresTheCondition()
    {
        var id = await TagRuleAsync("Tagger");
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, id));

        page.Find("[data-testid=conditions] [data-testid=add-condition]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=conditions] .condition-leaf")));
        h.Choose(page.Find("[data-testid=conditions] .condition-leaf"), "TST", nth: 2);
        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, a.Service.GetAsync(id).Result.Version));
        var condition = (await a.Service.GetAsync(id)).Definition.Condition!.ToJsonString();
        Assert.Contains("\"attribute\":\"template\"", condition);
        Assert.Contains("\"value\":\"TST\"", condition);
    }

    private static AngleSharp.Dom.IElement Leaf(IRenderedComponent<AutomationEditorPage> page, int i) =>
        page.FindAll("[data-testid=conditions] .condition-leaf")[i];

    private static void AddCondition(IRenderedComponent<AutomationEditorPage> page, int expected)
    {
        page.Find("[data-testid=conditions] [data-testid=add-condition]").Click();
        page.WaitForAssertion(() => Assert.Equal(expected, page.FindAll("[data-testid=conditions] .condition-leaf").Count));
    }

    [Fact]
    public async Task ConditionEditor_LinkedAllExternalPathFieldAndCase_ClickedAndSaved_StoresEveryPart()
    {
        var id = await a.RuleAsync("Tagger", """{"trigger": {"type": "case_created", "template": "TST"}, "actions": [{"type": "add_tag", "tag": "t"}]}""");
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, id));

        // every linked transaction's amount < 500
        AddCondition(page, 1);
        h.Choose(Leaf(page, 0), "Linked transactions: amount");
        page.WaitForAssertion(() => Assert.NotNull(Leaf(page, 0).QuerySelector("[data-testid=condition-quantifier]")));
        h.Choose(Leaf(page, 0), "every linked", nth: 0);
        h.Choose(Leaf(page, 0), "<", nth: 2);
        Leaf(page, 0).QuerySelector("input[data-testid=condition-value]")!.Input("500");

        // external data: alert's $.risk.score > 70
        AddCondition(page, 2);
        h.Choose(Leaf(page, 1), "External data: a document's value at a JSON path");
        page.WaitForAssertion(() => Assert.NotNull(Leaf(page, 1).QuerySelector("input[data-testid=condition-json-path]")));
        Leaf(page, 1).QuerySelector("input[data-testid=condition-document]")!.Input("alert");
        Leaf(page, 1).QuerySelector("input[data-testid=condition-json-path]")!.Input("$.risk.score");
        h.Choose(Leaf(page, 1), ">", nth: 1);
        Leaf(page, 1).QuerySelector("input[data-testid=condition-value]")!.Input("70");

        // the template's field: Count ≥ 2
        AddCondition(page, 3);
        h.Choose(Leaf(page, 2), "Field: Count");
        h.Choose(Leaf(page, 2), "≥", nth: 1);
        Leaf(page, 2).QuerySelector("input[data-testid=condition-value]")!.Input("2");

        // a case attribute: priority is high
        AddCondition(page, 4);
        h.Choose(Leaf(page, 3), "Priority");
        h.Choose(Leaf(page, 3), "high", nth: 2);

        // and a count: at least one linked account
        AddCondition(page, 5);
        h.Choose(Leaf(page, 4), "Number of linked accounts");
        h.Choose(Leaf(page, 4), "≥", nth: 1);
        Leaf(page, 4).QuerySelector("input[data-testid=condition-value]")!.Input("1");

        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, a.Service.GetAsync(id).Result.Version), TimeSpan.FromSeconds(10));
        var and = (await a.Service.GetAsync(id)).Definition.Condition!["and"]!.AsArray().Select(n => n!.ToJsonString()).ToList();
        Assert.Equal(
        [
            """{"attribute":"transactions.amount","operator":"lt","value":500,"quantifier":"all"}""",
            """{"attribute":"external.alert","operator":"gt","value":70,"json_path":"$.risk.score"}""",
            """{"attribute":"fields.count","operator":"gte","value":2}""",
            """{"attribute":"priority","operator":"eq","value":"high"}""",
            """{"attribute":"accounts.count","operator":"gte","value":1}""",
        ], and);
    }

    [Fact]
    public async Task ConditionEditor_StoredQuantifierAndPath_SurviveAnEditAndSave()
    {
        var id = await a.RuleAsync("Tagger", """
            {"trigger": {"type": "case_created"}, "condition": {"and": [
              {"attribute": "transactions.amount", "operator": "lt", "value": 500, "quantifier": "all"},
              {"not": {"attribute": "external.alert", "json_path": "$.hits[0].rule", "operator": "eq", "value": "geo"}}]},
             "actions": [{"type": "add_tag", "tag": "t"}]}
            """);
        var before = (await a.Service.GetAsync(id)).Definition.Condition!.ToJsonString();
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, id));

        page.Find("input[data-testid=rule-name]").Input("Tagger 2");
        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, a.Service.GetAsync(id).Result.Version));
        static string Canonical(string json) => Features.Cases.CasePredicateJson.Write(Features.Cases.CasePredicateJson.Parse(json, "condition"));
        Assert.Equal(Canonical(before), Canonical((await a.Service.GetAsync(id)).Definition.Condition!.ToJsonString()));
        Assert.Contains("\"quantifier\":\"all\"", before);
    }

    [Fact]
    public async Task ConditionEditor_BadJsonPath_ShowsTheProblemNextToTheCondition()
    {
        var id = await TagRuleAsync("Tagger");
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, id));

        AddCondition(page, 1);
        h.Choose(Leaf(page, 0), "External data: a document's value at a JSON path");
        page.WaitForAssertion(() => Assert.NotNull(Leaf(page, 0).QuerySelector("input[data-testid=condition-json-path]")));
        Leaf(page, 0).QuerySelector("input[data-testid=condition-document]")!.Input("alert");
        Leaf(page, 0).QuerySelector("input[data-testid=condition-json-path]")!.Input("risk score");
        Leaf(page, 0).QuerySelector("input[data-testid=condition-value]")!.Input("1");
        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Contains("json_path is", Leaf(page, 0).QuerySelector("[data-testid=condition-problem]")!.TextContent));
        Assert.Equal(1, (await a.Service.GetAsync(id)).Version);
    }

    [Fact]
    public async Task TriggerEditor_OffersSlaBreached_SavedAsThatTrigger()
    {
        var id = await TagRuleAsync("Tagger");
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, id));

        h.Choose(page.Find("[data-testid=trigger-type]").Closest(".mud-paper")!, "SLA breached", nth: 1);
        page.Find("[data-testid=save-rule]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, a.Service.GetAsync(id).Result.Version));
        Assert.Equal(TriggerTypes.SlaBreached, (await a.Service.GetAsync(id)).Definition.Trigger.Type);
    }

    [Fact]
    public async Task DryRun_ShowsTheCasesAndChanges_WithoutSaving()
    {
        var caseId = await S.NewCaseAsync();
        var id = await TagRuleAsync("Tagger");
        var page = h.Render<AutomationEditorPage>(p => p.Add(x => x.Id, id));

        page.Find("[data-testid=dry-run]").Click();

        page.WaitForAssertion(() => Assert.Contains("tag + t", page.Find($"[data-dry-run-item={caseId}]").TextContent));
        Assert.Empty((await S.Query.GetAsync(caseId, S.Admin)).Tags);
    }

    [Fact]
    public async Task RunPage_ShowsTheRunWithItsError()
    {
        await a.RuleAsync("Bad", """{"trigger": {"type": "case_created"}, "actions": [{"type": "set_status", "status": "approved"}]}""");
        await S.NewCaseAsync();
        await a.RunAsync();
        var run = Assert.Single(await a.RunsAsync());

        var page = h.Render<AutomationRunPage>(p => p.Add(x => x.Id, run.PublicId));

        page.WaitForAssertion(() => Assert.Equal("failed", page.Find("[data-testid=run-outcome]").TextContent));
        Assert.Contains("set_status", page.Find("[data-testid=run-error]").TextContent);
    }
}
