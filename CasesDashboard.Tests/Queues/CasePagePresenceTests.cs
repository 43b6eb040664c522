using Bunit;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Features.Queues;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Queues;

/// <summary>The case page says who else has the case open, as it changes.</summary>
public sealed class CasePagePresenceTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private Presence Presence => S.Get<Presence>();
    private string id = "";

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        id = await S.NewCaseAsync(S.Analyst);
        h.SignIn(S.Analyst);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public void Render_ColleagueHasTheCaseOpen_SaysTheyAreViewing()
    {
        using var other = Presence.View(id, new Viewer(S.OtherAnalyst.Id, S.OtherAnalyst.Name));

        var page = h.Render<CasePage>(p => p.Add(x => x.Id, id));

        Assert.Equal(["Ana Other"], page.FindAll("[data-testid=viewers] [data-viewer]").Select(c => c.TextContent.Trim()));
        Assert.Contains("is viewing this case", page.Find("[data-testid=viewers]").TextContent);
    }

    [Fact]
    public void ColleagueOpensTheCase_IsShownLiveAndGoneWhenTheyLeave()
    {
        var page = h.Render<CasePage>(p => p.Add(x => x.Id, id));
        Assert.Empty(page.FindAll("[data-testid=viewers]"));

        var other = Presence.View(id, new Viewer(S.OtherAnalyst.Id, S.OtherAnalyst.Name));
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-viewer='{S.OtherAnalyst.Id}']")));
        other.Dispose();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=viewers]")));
    }

    [Fact]
    public async Task Render_Live_RegistersTheReaderForOthersUntilThePageCloses()
    {
        h.Render<CasePage>(p => p.Add(x => x.Id, id));

        Assert.Equal([S.Analyst.Name], Presence.ViewersOf(id).Select(v => v.Name));
        await h.Ctx.DisposeComponentsAsync();
        Assert.Empty(Presence.ViewersOf(id));
    }
}
