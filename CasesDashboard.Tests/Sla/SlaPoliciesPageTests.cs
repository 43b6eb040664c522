using Bunit;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Sla.Components;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CasesDashboard.Tests.Sla;

/// <summary>/admin/sla, clicked: create, edit, field errors from the service, a stale edit, delete with confirmation.</summary>
public sealed class SlaPoliciesPageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private SlaPolicyService Policies => S.Get<SlaPolicyService>();

    public async Task InitializeAsync()
    {
        h = (await ComponentHarness.CreateAsync()).Use<SlaPolicyService>();
        h.SignIn(S.Admin);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private Task<int> PolicyAsync(int hours, CasePriority? priority = null) =>
        Policies.SaveAsync(null, new SlaPolicyInput(TestTemplates.Key, new SlaTarget(hours, SlaUnit.Hours), priority), null, S.Admin);

    private IRenderedComponent<SlaPoliciesPage> OpenNew()
    {
        var page = h.Render<SlaPoliciesPage>();
        page.Find("[data-testid=new-policy]").Click();
        return page;
    }

    private static void Save(IRenderedComponent<SlaPoliciesPage> page) => page.Find("[data-testid=save-policy]").Click();

    private IReadOnlyList<string> Snacks => h.Ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    [Fact]
    public async Task Create_BusinessHoursPolicy_IsSavedAndListed()
    {
        var page = OpenNew();

        page.Find("input[data-testid=resolution-amount]").Input("2");
        h.Choose(page.Find("[data-testid=sla-editor]"), "business days", nth: 3);
        page.Find("input[data-testid=has-calendar]").Change(true);
        page.Find("input[data-testid=holiday-input]").Input("2026-12-25");
        page.Find("[data-testid=add-holiday]").Click();
        page.Find("[data-testid=pause-statuses] input[data-status=working]").Change(true);
        Save(page);

        page.WaitForAssertion(() => Assert.Equal("2 business days", page.Find("tr[data-policy-id] [data-testid=resolution]").TextContent));
        var saved = Assert.Single(await Policies.ListAsync());
        Assert.Equal((new SlaTarget(2, SlaUnit.BusinessDays), "UTC", "09:00", "17:00"),
            (saved.Resolution, saved.Calendar!.TimeZone, saved.Calendar.Opens, saved.Calendar.Closes));
        Assert.Equal(["2026-12-25"], saved.Calendar.Holidays);
        Assert.Equal(["working"], saved.PauseStatuses);
        Assert.Equal("Mon–Fri 09:00–17:00 UTC · 1 holiday", page.Find("[data-testid=calendar-summary]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=sla-editor]"));
    }

    [Fact]
    public async Task Edit_ChangedAndSaved_ReplacesThePolicy()
    {
        var id = await PolicyAsync(24);
        var page = h.Render<SlaPoliciesPage>();

        page.Find($"tr[data-policy-id='{id}'] [data-testid=edit-policy]").Click();
        page.Find("input[data-testid=resolution-amount]").Input("4");
        h.Choose(page.Find("[data-testid=sla-editor]"), "Urgent", nth: 1);
        Save(page);

        page.WaitForAssertion(() => Assert.Equal("4 h", page.Find($"tr[data-policy-id='{id}'] [data-testid=resolution]").TextContent));
        var saved = Assert.Single(await Policies.ListAsync());
        Assert.Equal((id, new SlaTarget(4, SlaUnit.Hours), CasePriority.Urgent, 2L), (saved.Id, saved.Resolution, saved.Priority, saved.Version));
    }

    [Fact]
    public async Task Save_ClosesBeforeItOpens_ShowsTheErrorAtClosingTimeAndKeepsTheForm()
    {
        var page = OpenNew();
        page.Find("input[data-testid=has-calendar]").Change(true);

        page.Find("input[data-testid=calendar-closes]").Input("08:00");
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("a calendar needs working hours", page.Find("[data-testid=calendar] .mud-input-error").TextContent));
        Assert.Equal("08:00", page.Find("input[data-testid=calendar-closes]").GetAttribute("value"));
        Assert.Contains(Snacks, m => m.Contains("needs working hours"));
        Assert.Empty(await Policies.ListAsync());
    }

    [Fact]
    public async Task Save_UnknownTimeZone_ShowsTheErrorAtTheZone()
    {
        var page = OpenNew();
        page.Find("input[data-testid=has-calendar]").Change(true);

        var zone = page.Find("input[data-testid=calendar-zone]");
        zone.Input("Mars/Olympus_Mons");
        zone.Blur();
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("'Mars/Olympus_Mons' is not a known IANA time zone", page.Find("[data-testid=calendar] .mud-input-error").TextContent));
        Assert.Empty(await Policies.ListAsync());
    }

    [Fact]
    public async Task Save_TargetZero_ShowsTheErrorAtTheAmount()
    {
        var page = OpenNew();

        page.Find("input[data-testid=resolution-amount]").Input("0");
        Save(page);

        page.WaitForAssertion(() => Assert.Contains("The target must be more than zero.", page.Find("[data-testid=sla-editor] .mud-input-error").TextContent));
        Assert.Equal("0", page.Find("input[data-testid=resolution-amount]").GetAttribute("value"));
        Assert.Empty(await Policies.ListAsync());
    }

    [Fact]
    public async Task Save_ChangedMeanwhile_ShowsTheConflictAndKeepsTheForm()
    {
        var id = await PolicyAsync(24);
        var page = h.Render<SlaPoliciesPage>();
        page.Find($"tr[data-policy-id='{id}'] [data-testid=edit-policy]").Click();
        page.Find("input[data-testid=resolution-amount]").Input("6");
        await Policies.SaveAsync(id, new SlaPolicyInput(TestTemplates.Key, new SlaTarget(12, SlaUnit.Hours)), 1, S.Admin);

        Save(page);

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Find("[data-testid=sla-conflict]").TextContent));
        Assert.Equal("6", page.Find("input[data-testid=resolution-amount]").GetAttribute("value"));
        Assert.Equal(new SlaTarget(12, SlaUnit.Hours), Assert.Single(await Policies.ListAsync()).Resolution);
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesThePolicy()
    {
        var id = await PolicyAsync(24);
        var page = h.Render<SlaPoliciesPage>();

        page.Find($"tr[data-policy-id='{id}'] [data-testid=delete-policy]").Click();
        h.Confirm("re-timed", "Delete");

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-template={TestTemplates.Key}] [data-testid=no-policy]")));
        Assert.Empty(await Policies.ListAsync());
    }

    [Fact]
    public async Task Delete_Cancelled_KeepsThePolicy()
    {
        var id = await PolicyAsync(24);
        var page = h.Render<SlaPoliciesPage>();

        page.Find($"tr[data-policy-id='{id}'] [data-testid=delete-policy]").Click();
        h.Confirm("re-timed", "Cancel");

        Assert.Single(await Policies.ListAsync());
        Assert.Single(page.FindAll($"tr[data-policy-id='{id}']"));
    }
}
