using Bunit;
using CasesDashboard.Components.Layout;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;

namespace CasesDashboard.Tests.Layout;

/// <summary>The app bar's theme and density switches: they change the page at once and are remembered in a cookie.</summary>
public sealed class DisplaySwitchesTests : IAsyncLifetime
{
    private const string Script = "./Components/Layout/MainLayout.razor.js";
    private ComponentHarness h = default!;
    private BunitJSModuleInterop module = default!;

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        await h.Store.NewCaseAsync();
        h.SignIn(h.Store.Analyst);
        h.Ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        module = h.Ctx.JSInterop.SetupModule(Script);
        module.SetupVoid("save", _ => true);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    // The layout renders its own popover provider, so the harness's is not used.
    private IRenderedComponent<CascadingValue<UiPreferences>> RenderLayout(UiPreferences initial) =>
        h.Ctx.Render<CascadingValue<UiPreferences>>(p => p
            .Add(c => c.Value, initial)
            .AddChildContent<MainLayout>(l => l.Add(x => x.Body, b => { b.OpenComponent<CasesPage>(0); b.CloseComponent(); })));

    private void PickTheme(IRenderedComponent<CascadingValue<UiPreferences>> layout, string theme)
    {
        layout.Find("[data-testid=theme-menu] button").Click();
        layout.WaitForElement($"[data-theme={theme}]").Click();
    }

    [Fact]
    public void Render_CookieSaysDark_StartsInDarkMode()
    {
        var layout = RenderLayout(new UiPreferences(ThemeChoice.Dark));

        Assert.True(layout.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode));
    }

    [Fact]
    public void PickTheme_Dark_SwitchesToDarkModeAndRemembersIt()
    {
        var layout = RenderLayout(new UiPreferences());

        PickTheme(layout, "dark");

        layout.WaitForAssertion(() => Assert.True(layout.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode)));
        Assert.Equal([UiPreferences.CookieName, "theme=dark&density=compact&system=light"], module.VerifyInvoke("save").Arguments);
    }

    [Fact]
    public void Render_SystemIsDark_FollowsTheSystemAndRemembersIt()
    {
        h.Ctx.JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);

        var layout = RenderLayout(new UiPreferences());

        layout.WaitForAssertion(() => Assert.True(layout.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode)));
        Assert.Equal([UiPreferences.CookieName, "theme=system&density=compact&system=dark"], module.VerifyInvoke("save").Arguments);
    }

    [Fact]
    public void PickTheme_LightWhenTheSystemIsDark_SwitchesToLightMode()
    {
        h.Ctx.JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);
        var layout = RenderLayout(new UiPreferences(SystemDark: true));
        Assert.True(layout.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode));

        PickTheme(layout, "light");

        layout.WaitForAssertion(() => Assert.False(layout.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode)));
    }

    [Fact]
    public void ToggleDensity_CompactGrid_BecomesComfortableAndIsRemembered()
    {
        var layout = RenderLayout(new UiPreferences());
        layout.WaitForElement("[data-testid=case-grid].density-compact");

        layout.Find("[data-testid=density-toggle]").Click();

        layout.WaitForElement("[data-testid=case-grid].density-comfortable");
        Assert.Equal([UiPreferences.CookieName, "theme=system&density=comfortable&system=light"], module.VerifyInvoke("save").Arguments);
    }
}
