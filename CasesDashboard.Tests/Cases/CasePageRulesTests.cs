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
        d.Layout[0].Panels.Single(p => p.Kind == PanelKind.Inputs).EnabledWhen = new PanelRule { Kind = RuleKind.FieldFilled, Field = "note" };
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

        await S.Cases.UpdateFieldsAsync(id, Fields(("verdict", "fraud")), 2, S.Analyst);

        Assert.Single(h.Ctx.Render<CasePage>(p => p.Add(x => x.Id, id)).FindAll("[data-panel=transactions]"));
    }

    [Fact]
    public async Task EnabledWhen_InputsAreDisabledUntilTheRuleHolds()
    {
        var page = h.Render<CasePage>(p => p.Add(x => x.Id, id));
        Assert.Contains("Editable when note is filled", page.Find("[data-testid=inputs-disabled]").TextContent);
        Assert.True(page.Find("[data-field-editor=count] input").HasAttribute("disabled"));

        await S.Cases.UpdateFieldsAsync(id, Fields(("note", "context")), 2, S.Analyst);

        var after = h.Ctx.Render<CasePage>(p => p.Add(x => x.Id, id));
        Assert.Empty(after.FindAll("[data-testid=inputs-disabled]"));
        Assert.False(after.Find("[data-field-editor=count] input").HasAttribute("disabled"));
    }
}
