using CasesDashboard.Features.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CasesDashboard.Tests.Browser.BrowserSteps;

namespace CasesDashboard.Tests.Browser;

/// <summary>
/// An admin changes a template in the browser (a required field, an Inputs panel, a new action button), publishes and
/// migrates; an analyst then sees the field and cannot resolve without it. No code change, no restart.
/// </summary>
public sealed class TemplateChangeFlowTests(BrowserAppFactory app) : BrowserTest(app)
{
    [Fact]
    public async Task AdminAddsRequiredFieldAndAction_PublishesAndMigrates_AnalystMustFillIt()
    {
        var admin = await SignInAsync("admin@example.com");
        try
        {
            await admin.GotoAsync(App.BaseUrl + "/admin/templates/DOR");
            await admin.WaitForSelectorAsync("[data-testid=live]");

            await OpenTabAsync(admin, "Fields");
            await admin.FillAsync("input[data-testid=new-field-label]", "Vehicle inspection reference");
            await admin.ClickAsync("[data-testid=add-field]");
            await admin.CheckAsync("[data-field-row=vehicle_inspection_reference] input[type=checkbox] >> nth=0");

            await OpenTabAsync(admin, "Layout");
            await ChooseAsync(admin, "[data-tab-row='0'] > .d-flex:has(.mud-select)", "Inputs");
            await admin.ClickAsync("[data-testid=add-panel-0]");

            await OpenTabAsync(admin, "Actions");
            await admin.ClickAsync("[data-testid=add-action]");
            await admin.FillAsync("[data-action-row=action_5] input >> nth=0", "Fast-track approve");
            await admin.Keyboard.PressAsync("Tab");

            await admin.ClickAsync("[data-testid=publish]");
            await admin.ClickAsync(".mud-dialog button:has-text('Publish v2')");
            await admin.WaitForSelectorAsync(".mud-chip:has-text('published v2')");
            await OpenTabAsync(admin, "Versions");
            await admin.ClickAsync("[data-testid=migrate]");
            await admin.ClickAsync(".mud-dialog button:has-text('Migrate')");
            Assert.Contains("to v2", await (await admin.WaitForSelectorAsync("[data-testid=migration-report]:has-text('Moved')"))!.InnerTextAsync());
        }
        catch
        {
            await admin.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "template-change-admin-failure.png"), FullPage = true });
            throw;
        }

        var analyst = await SignInAsync("analyst@example.com");
        try
        {
            await analyst.GotoAsync(App.BaseUrl + "/cases?q=DOR-2");
            // A link followed before the page's circuit is up is taken back by it once it starts (the grid it was asked for).
            await analyst.WaitForSelectorAsync("[data-testid=live]");
            await analyst.ClickAsync("a.case-link:text-is('DOR-2')");
            await analyst.WaitForSelectorAsync("[data-testid=case-name]:text-is('DOR-2')");
            await analyst.WaitForSelectorAsync("[data-testid=live]");
            Assert.Contains("v2", await analyst.InnerTextAsync("[data-testid=case-name] ~ p"));
            Assert.True(await analyst.IsVisibleAsync("[data-action=action_5]"));

            await ChooseAsync(analyst, "[data-field-editor=background_check]", "Clear");
            await analyst.ClickAsync("[data-field-editor=insurance_verified] input[type=checkbox] >> nth=0");
            await ChooseAsync(analyst, "[data-field-editor=decision_reason]", "All checks passed");
            await analyst.ClickAsync("[data-action=approve]");
            await analyst.ClickAsync("[data-testid=action-submit]");

            var problems = await (await analyst.WaitForSelectorAsync("[data-testid=problems]"))!.InnerTextAsync();
            Assert.Contains("Vehicle inspection reference is required to approve driver.", problems);
            Assert.False(await analyst.IsVisibleAsync("[data-testid=resolution]"));

            await analyst.FillAsync("[data-field-editor=vehicle_inspection_reference] >> nth=0 >> input", "INSP-2026-0042");
            await analyst.Keyboard.PressAsync("Tab");
            await analyst.ClickAsync("[data-testid=action-submit]");
            await analyst.WaitForSelectorAsync("[data-testid=resolution]:has-text('Resolved as Approved')");
        }
        catch
        {
            await analyst.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "template-change-analyst-failure.png"), FullPage = true });
            throw;
        }
    }

    [Fact]
    public async Task AdminDragsAPanelToAnotherTab_IsAskedBeforeLeavingUnsaved_SavedDraftHasTheNewLayout()
    {
        var admin = await SignInAsync("admin@example.com");
        await admin.GotoAsync(App.BaseUrl + "/admin/templates/FRD");
        await admin.WaitForSelectorAsync("[data-testid=live]");
        await OpenTabAsync(admin, "Layout");
        await admin.SetViewportSizeAsync(1400, 3000); // the whole layout on screen: the drop target must be visible

        await RepeatUntilAsync(admin, () => admin.DragAndDropAsync("[data-panel-row='layout[0].panels[1]']", "[data-tab-row='2'] .mud-drop-zone"),
            "[data-testid=draft-state]:has-text('Unsaved changes')");
        await admin.ClickAsync("nav a:has-text('All cases')");
        await admin.ClickAsync(".mud-dialog:has-text('Unsaved changes') button:has-text('Stay')");
        Assert.EndsWith("/admin/templates/FRD", admin.Url);
        await admin.ClickAsync("[data-testid=save-draft]");
        await admin.WaitForSelectorAsync("[data-testid=draft-state]:has-text('Draft saved by Alex Morgan')");

        var draft = await App.Services.GetRequiredService<TemplateEditorService>().GetDraftAsync("FRD");
        Assert.Equal(["Case", "Findings"], draft.Definition.Layout[0].Panels.Select(p => p.Title));
        // Where in the target tab it lands depends on which item the pointer crossed last; that it moved tabs is the point.
        Assert.Equal(["Comments", "Signal", "Timeline"], draft.Definition.Layout[2].Panels.Select(p => p.Title).Order());
    }

    private Task<IPage> SignInAsync(string email) => BrowserSteps.SignInAsync(App, email);
}
