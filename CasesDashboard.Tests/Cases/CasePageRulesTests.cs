using Bunit;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

/// <summary>The renderer honours a template's visibility and enabled rules.</summary>
public sealed class CasePageRulesTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private string id = "";

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        var editor = S.Services.GetRequiredService<TemplateEditorService>();
        var d = (await editor.GetDraftAsync(TestTemplates.Key)).Definition;
        d.Layout[1].Panels.Single(p => p.Kind == PanelKind.Transactions).VisibleWhen = new PanelRule { Kind = RuleKind.FieldEquals, Field = "verdict", Value = "fraud" };
        var inputs = d.Layout[0].Panels.Single(p => p.Kind == PanelKind.Inputs);
        inputs.Fields = d.Fields.Where(f => f.Key != "note").Select(f => f.Key).ToList();
        inputs.EnabledWhen = new PanelRule { Kind = RuleKind.FieldFilled, Field = "note" };
        d.Layout[0].Panels.Add(new PanelDefinition { Kind = PanelKind.Inputs, Title = "Context", Fields = ["note"] });
        await editor.SaveDraftAsync(TestTemplates.Key, d, S.Admin);
        await editor.PublishAsync(TestTemplates.Key, S.Admin);
        id = await S.NewCaseAsync(S.Analyst);
        h.SignIn(S.Analyst);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task VisibleWhen_PanelAppearsOnlyWhenTheFieldHasTheValue()
    {
        Assert.Empty(h.Render<CasePage>(p => p.Add(x => x.Id, id)).FindAll("[data-panel=transactions]"));

        await S.Cases.UpdateFieldsAsync(id, Fields(("note", "context")), 2, S.Analyst);
        await S.Cases.UpdateFieldsAsync(id, Fields(("verdict", "fraud")), 3, S.Analyst);

        Assert.Single(h.Ctx.Render<CasePage>(p => p.Add(x => x.Id, id)).FindAll("[data-panel=transactions]"));
    }

    [Fact]
    public async Task EnabledWhen_InputsAreDisabledUntilTheRuleHolds()
    {
        var page = h.Render<CasePage>(p => p.Add(x => x.Id, id));
        Assert.Contains("Editable when Note is filled", page.Find("[data-testid=inputs-disabled]").TextContent);
        Assert.True(page.Find("[data-field-editor=count] input").HasAttribute("disabled"));

        await S.Cases.UpdateFieldsAsync(id, Fields(("note", "context")), 2, S.Analyst);

        var after = h.Ctx.Render<CasePage>(p => p.Add(x => x.Id, id));
        Assert.Empty(after.FindAll("[data-testid=inputs-disabled]"));
        Assert.False(after.Find("[data-field-editor=count] input").HasAttribute("disabled"));
    }

    [Fact]
    public async Task UpdateFields_FieldOnADisabledInputsPanel_IsRefusedByTheServiceNamingTheRule()
    {
        var e = await Assert.ThrowsAsync<Features.Common.ValidationException>(() => S.Cases.UpdateFieldsAsync(id, Fields(("count", 3)), 2, S.Analyst));

        Assert.Equal(("fields.count", "Count can be changed only when Note is filled."), (e.Problems.Single().Path, e.Problems.Single().Message));
        Assert.Null((await S.Query.GetAsync(id, S.Analyst)).Field("count"));
    }

    [Fact]
    public async Task ApplyAction_ValueForAFieldOnADisabledPanel_IsRefusedLikeAnEdit()
    {
        var e = await Assert.ThrowsAsync<Features.Common.ValidationException>(() =>
            S.Cases.ApplyActionAsync(id, "approve", null, 2, S.Analyst, Fields(("count", 3), ("verdict", "clean"), ("confirmed", true))));

        Assert.Contains(e.Problems, p => p.Path == "fields.count" && p.Message.Contains("only when Note is filled"));
        Assert.Equal("open", (await S.Query.GetAsync(id, S.Analyst)).Status.Key);
    }
}
