using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Templates;

/// <summary>What a published template's rules do to cases: allowed transitions, role visibility, panel rules.</summary>
public abstract class TemplateRulesTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task PublishAsync(Action<TemplateDefinition> change)
    {
        var editor = s.Services.GetRequiredService<TemplateEditorService>();
        var d = (await editor.GetDraftAsync(TestTemplates.Key)).Definition;
        change(d);
        await editor.SaveDraftAsync(TestTemplates.Key, d, s.Admin);
        await editor.PublishAsync(TestTemplates.Key, s.Admin);
    }

    [SkippableFact]
    public async Task ApplyAction_TransitionNotAllowedFromCurrentStatus_IsRefusedAndNotOffered()
    {
        await PublishAsync(d => d.FindStatus("open")!.Transitions = ["working"]);
        var id = await s.NewCaseAsync(s.Analyst);

        var view = await s.Query.GetAsync(id, s.Analyst);
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            s.Cases.ApplyActionAsync(id, "reject", "no", 2, s.Analyst, Fields(("verdict", "fraud"), ("confirmed", true))));

        Assert.Equal(["start"], view.Can.Actions.Where(a => a.Press.Ok).Select(a => a.Key));
        Assert.Contains("cannot move from Open to Rejected", e.Message);
    }

    [SkippableFact]
    public async Task VisibleToRoles_HidesCasesFromOtherRolesInGridAndPage()
    {
        var id = await s.NewCaseAsync();
        await PublishAsync(d => d.VisibleToRoles = ["Lead", "Admin"]);

        Assert.Equal(0, (await s.Query.SearchAsync(new CaseFilter(), s.Analyst)).Total);
        Assert.Equal(1, (await s.Query.SearchAsync(new CaseFilter(), s.Lead)).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => s.Query.GetAsync(id, s.Viewer));
    }

    [SkippableFact]
    public async Task PanelRules_FieldEqualsAndFilled_FollowTheCaseFields()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        var equals = new PanelRule { Kind = RuleKind.FieldEquals, Field = "verdict", Value = "fraud" };
        var flags = new PanelRule { Kind = RuleKind.FieldEquals, Field = "flags", Value = "b" };
        var filled = new PanelRule { Kind = RuleKind.FieldFilled, Field = "note" };

        var before = await s.Query.GetAsync(id, s.Analyst);
        await s.Cases.UpdateFieldsAsync(id, Fields(("verdict", "fraud"), ("flags", new[] { "a", "b" }), ("note", "x")), before.Version, s.Analyst);
        var after = await s.Query.GetAsync(id, s.Analyst);

        Assert.Equal((false, false, false), (PanelRules.Holds(equals, before.Facts), PanelRules.Holds(flags, before.Facts), PanelRules.Holds(filled, before.Facts)));
        Assert.Equal((true, true, true), (PanelRules.Holds(equals, after.Facts), PanelRules.Holds(flags, after.Facts), PanelRules.Holds(filled, after.Facts)));
        Assert.True(PanelRules.Holds(null, before.Facts));
    }

    [SkippableFact]
    public async Task PanelRules_HasReportMatches_LooksAtLinkedReports()
    {
        await s.Objects.ImportAsync(new Features.Objects.ObjectBundle
        {
            Reports = [System.Text.Json.JsonSerializer.SerializeToElement(new { id = "rep_rule0000000000000000001", report_type = "watchlist", status = "ready", match_count = 2 })],
        });
        var id = await s.NewCaseAsync(s.Analyst);
        var rule = new PanelRule { Kind = RuleKind.HasReportMatches };

        Assert.False(PanelRules.Holds(rule, (await s.Query.GetAsync(id, s.Analyst)).Facts));
        await s.Cases.LinkObjectAsync(id, "rep_rule0000000000000000001", s.Analyst);
        Assert.True(PanelRules.Holds(rule, (await s.Query.GetAsync(id, s.Analyst)).Facts));
        Assert.True(PanelRules.Holds(new PanelRule { Kind = RuleKind.HasObject, ObjectKind = "report" }, (await s.Query.GetAsync(id, s.Analyst)).Facts));
    }
}

public sealed class TemplateRulesTestsOnSqlite() : TemplateRulesTests(StoreProvider.Sqlite);

public sealed class TemplateRulesTestsOnPostgres() : TemplateRulesTests(StoreProvider.Postgres);
