using Bunit;
using CasesDashboard.Features.Templates;
using CasesDashboard.Features.Templates.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Templates;

/// <summary>The template editor, driven as an admin would: fields, panels with rules, publish.</summary>
public sealed class TemplateEditorPageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;

    public async Task InitializeAsync() =>
        h = (await ComponentHarness.CreateAsync()).Use<TemplateEditorService>().Use<TemplateMigrator>().Use<TemplateHistory>();

    public async Task DisposeAsync() => await h.DisposeAsync();

    private IRenderedComponent<TemplateEditorPage> Open(Features.Security.Actor actor)
    {
        h.SignIn(actor);
        return h.Render<TemplateEditorPage>(p => p.Add(x => x.Key, TestTemplates.Key));
    }

    [Fact]
    public async Task AddFieldAndPanelWithVisibilityRule_ThenPublish_MakesVersionTwo()
    {
        var page = Open(S.Admin);

        page.Find("input[data-testid=new-field-label]").Input("Risk level");
        page.Find("[data-testid=add-field]").Click();
        Assert.Single(page.FindAll("[data-field-row=risk_level]"));

        page.Find("[data-testid=add-panel-1]").Click();
        var rule = page.WaitForElement("[data-rule='layout[1].panels[5].visible_when']");
        h.Choose(rule, "When a field is filled");
        h.Choose(page.Find("[data-rule='layout[1].panels[5].visible_when']"), "Risk level", nth: 1);

        page.Find("[data-testid=publish]").Click();
        h.Confirm("No existing case is affected.", "Publish v2");

        await page.WaitForAssertionAsync(async () => Assert.Equal(2, (await S.Templates.GetByKeyAsync(TestTemplates.Key)).CurrentVersion));
        var published = (await S.Templates.GetByKeyAsync(TestTemplates.Key)).Definition;
        Assert.Equal("Risk level", published.FindField("risk_level")!.Label);
        var panel = published.Layout[1].Panels[5];
        Assert.Equal((PanelKind.Fields, RuleKind.FieldFilled, "risk_level"), (panel.Kind, panel.VisibleWhen!.Kind, panel.VisibleWhen.Field));
        page.WaitForAssertion(() => Assert.Contains("Ada Admin", page.Find("[data-testid=template-history] [data-event='template.published']").TextContent));
        Assert.Contains("Published v2 — changed fields, layout", page.Find("[data-testid=template-history] [data-event='template.published']").TextContent);
        Assert.Empty(page.FindAll("[data-testid=template-history] [data-event='template.draft-saved']"));
        Assert.Contains("v2 (current)", page.Find("[data-testid=versions] [data-version='2']").TextContent);
    }

    [Fact]
    public void Publish_WithNoDraftAndNoEdits_IsDisabledUntilSomethingChanges()
    {
        var page = Open(S.Admin);
        Assert.True(page.Find("[data-testid=publish]").HasAttribute("disabled"));

        page.Find("input[data-testid=new-field-label]").Input("Risk level");
        page.Find("[data-testid=add-field]").Click();

        Assert.False(page.Find("[data-testid=publish]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Save_AfterAnotherAdminPublished_IsRefusedWithWhoAndWhenAndNothingIsOverwritten()
    {
        var page = Open(S.Admin);
        page.Find("input[data-testid=new-field-label]").Input("Risk level");
        page.Find("[data-testid=add-field]").Click();
        var editor = S.Services.GetRequiredService<TemplateEditorService>();
        var other = await editor.GetDraftAsync(TestTemplates.Key);
        other.Definition.Name = "Renamed elsewhere";
        await editor.SaveDraftAsync(TestTemplates.Key, other.Definition, Features.Security.Actor.User("bea", "Bea Admin", Features.Security.Roles.Admin));
        await editor.PublishAsync(TestTemplates.Key, S.Admin);

        page.Find("[data-testid=save-draft]").Click();

        var snackbars = h.Ctx.Render<MudBlazor.MudSnackbarProvider>();
        snackbars.WaitForAssertion(() => Assert.Contains("published v2 — changed general by Ada Admin", snackbars.Find(".mud-snackbar").TextContent));
        var after = await editor.GetDraftAsync(TestTemplates.Key);
        Assert.Equal(("Renamed elsewhere", false), (after.Definition.Name, after.HasDraft));
        Assert.Equal("Unsaved changes", page.Find("[data-testid=draft-state]").TextContent.Trim());

        snackbars.Find(".mud-snackbar button:not(.mud-snackbar-close-button)").Click();

        page.WaitForAssertion(() => Assert.Equal("Renamed elsewhere", page.Find("h1").TextContent));
        Assert.Empty(page.FindAll("[data-field-row=risk_level]"));
    }

    [Fact]
    public async Task Publish_SelectWithoutOptions_ShowsTheProblemNextToTheFieldAndDoesNotPublish()
    {
        var page = Open(S.Admin);

        page.Find("input[data-testid=new-field-label]").Input("Channel");
        h.Choose(page.Find("[data-testid=fields-editor] + div"), "select");
        page.Find("[data-testid=add-field]").Click();
        page.Find("[data-testid=publish]").Click();
        h.Confirm("Publish TST v2?", "Publish v2");

        page.WaitForAssertion(() => Assert.Contains("needs at least one option", page.Find("[data-field-row=channel] [data-problem='fields[10].options']").TextContent));
        Assert.Contains("1 problem(s) stop this draft", page.Find("[data-testid=editor-problems]").TextContent);
        Assert.Equal(1, (await S.Templates.GetByKeyAsync(TestTemplates.Key)).CurrentVersion);
        Assert.Equal("Unsaved changes", page.Find("[data-testid=draft-state]").TextContent.Trim());
    }

    [Fact]
    public async Task Open_AsLead_ShowsTheTemplateReadOnlyWithMigration()
    {
        await S.NewCaseAsync();
        var page = Open(S.Lead);

        Assert.Empty(page.FindAll("[data-testid=publish], [data-testid=save-draft], [data-testid=add-field]"));
        Assert.True(page.Find("input[data-testid=template-name]").HasAttribute("disabled"));
        Assert.Contains("v1 (current)", page.Find("[data-testid=versions]").TextContent);
    }

    [Fact]
    public async Task Preview_ExistingCase_RendersWithTheUnsavedDraft()
    {
        await S.NewCaseAsync();
        var page = Open(S.Admin);

        page.Find("[data-testid=statuses-editor] tbody tr input").Change("Queued");
        page.Find("input[data-testid=preview-case]").Input("TST-1");
        page.Find("[data-testid=preview-load]").Click();

        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find("[data-testid=preview] [data-testid=status]").TextContent.Trim()));
        Assert.Equal(10, page.FindAll("[data-testid=preview] [data-panel]").Count);
        Assert.Equal("Open", (await S.Query.GetAsync((await S.Query.SearchAsync(new Features.Cases.CaseFilter(), S.Admin)).Rows[0].Id, S.Admin)).Status.Label);
    }
}
