using Bunit;
using CasesDashboard.Components.Shortcuts;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Shortcuts;

/// <summary>Keyboard shortcuts: what each key does on the grid and on a case page, through the same services as the buttons.</summary>
public sealed class ShortcutsTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private IRenderedComponent<ShortcutHost> host = default!;
    private BunitJSModuleInterop module = default!;
    private NavigationManager Nav => h.Ctx.Services.GetRequiredService<NavigationManager>();
    private readonly List<string> ids = [];

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        ids.Add(await S.NewCaseAsync());
        ids.Add(await S.NewCaseAsync(S.Analyst));
        h.SignIn(S.Analyst);
        module = h.Ctx.JSInterop.SetupModule("./js/shortcuts.js");
        module.Mode = JSRuntimeMode.Loose;
        host = h.Render<ShortcutHost>();
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private Task PressAsync(string key) => host.InvokeAsync(() => host.Instance.OnKey(key));

    private IRenderedComponent<CasesPage> Grid() => h.Render<CasesPage>();

    private IRenderedComponent<CasePage> CasePage(string id) => h.Render<CasePage>(p => p.Add(x => x.Id, id));

    /// <summary>The grid lists the newest case first.</summary>
    private string Row(int index) => ids[^(index + 1)];

    [Fact]
    public async Task J_OnTheGrid_PutsTheCursorOnTheFirstRow()
    {
        var grid = Grid();

        await PressAsync("j");

        Assert.Equal(Row(0), grid.Find("tr.cursor").GetAttribute("data-case-id"));
    }

    [Fact]
    public async Task K_AfterTwoJ_MovesTheCursorBackUp()
    {
        var grid = Grid();

        await PressAsync("j");
        await PressAsync("j");
        await PressAsync("k");

        Assert.Equal(Row(0), grid.Find("tr.cursor").GetAttribute("data-case-id"));
    }

    [Fact]
    public async Task Enter_OnTheGrid_OpensTheCaseAtTheCursor()
    {
        Grid();

        await PressAsync("j");
        await PressAsync("j");
        await PressAsync("Enter");

        Assert.EndsWith($"cases/{Row(1)}", Nav.Uri);
    }

    [Fact]
    public async Task X_OnTheGrid_TicksTheRowAtTheCursor()
    {
        var grid = Grid();

        await PressAsync("j");
        await PressAsync("x");

        grid.WaitForAssertion(() => Assert.Equal("1 selected", grid.Find("[data-testid=bulk-count]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_OnTheGrid_AssignsTheCaseAtTheCursorToMe()
    {
        Grid();

        await PressAsync("j");
        await PressAsync("j");
        await PressAsync("a");

        Assert.Equal("Sam Analyst", (await S.Query.GetAsync(Row(1), S.Lead)).AssigneeName);
    }

    [Fact]
    public async Task QuestionMark_OnTheGrid_ShowsHelpListingTheGridsKeys()
    {
        Grid();

        await PressAsync("?");

        var keys = host.FindAll("[data-testid=shortcut] kbd").Select(k => k.TextContent).ToList();
        Assert.Equal(["j", "k", "Enter", "o", "x", "a", "Esc"], keys);
    }

    [Fact]
    public async Task QuestionMark_OnACasePage_ListsItsActionsByPosition()
    {
        CasePage(ids[1]);

        await PressAsync("?");

        var help = host.Find("[data-testid=shortcut-help]").TextContent;
        Assert.Contains("Start", help);
        Assert.Contains("Close for leads", help);
        Assert.DoesNotContain("Next row", help);
    }

    [Fact]
    public async Task A_OnACasePage_AssignsItToMe()
    {
        CasePage(ids[0]);

        await PressAsync("a");

        Assert.Equal("Sam Analyst", (await S.Query.GetAsync(ids[0], S.Lead)).AssigneeName);
    }

    [Fact]
    public async Task One_OnACasePage_PressesTheTemplatesFirstAction()
    {
        CasePage(ids[1]);

        await PressAsync("1");

        Assert.Equal("working", (await S.Query.GetAsync(ids[1], S.Lead)).Status.Key);
    }

    [Fact]
    public async Task Two_ForAnActionThatResolves_OpensItsConfirmationFirst()
    {
        var page = CasePage(ids[1]);

        await PressAsync("2");

        page.WaitForAssertion(() => Assert.Contains("Approve", page.Find("[data-testid=action-confirm]").TextContent));
        Assert.Equal("open", (await S.Query.GetAsync(ids[1], S.Lead)).Status.Key);
    }

    [Fact]
    public async Task Four_ForALeadsOnlyAction_IsRefusedWithTheReason()
    {
        await S.Cases.UpdateFieldsAsync(ids[1], Fields(("verdict", "clean"), ("confirmed", true)), null, S.Analyst);
        CasePage(ids[1]);

        await PressAsync("4");

        Assert.Contains(h.Ctx.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars, s => s.Message == "'Close for leads' is for Lead only.");
        Assert.Equal("open", (await S.Query.GetAsync(ids[1], S.Lead)).Status.Key);
    }

    [Fact]
    public async Task C_OnACasePage_FocusesTheCommentBox()
    {
        CasePage(ids[1]);

        await PressAsync("c");

        Assert.Equal("textarea[data-testid=new-comment]", module.VerifyInvoke("focus").Arguments[0]);
    }

    [Fact]
    public async Task Escape_OnACasePage_GoesBackToTheGridAsItWasLastOpen()
    {
        Nav.NavigateTo("cases?status=open");
        var grid = Grid();
        grid.Dispose();
        CasePage(ids[1]);

        await PressAsync("Escape");

        Assert.EndsWith("cases?status=open", Nav.Uri);
    }
}
