using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Views;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Views;

/// <summary>Saved views: private to their owner unless shared; only the owner or an admin changes them.</summary>
public abstract class SavedViewServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private SavedViewService Views => s.Services.GetRequiredService<SavedViewService>();

    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private static ViewDraft Draft(string name, bool shared = false) => new(name, "status=open&sort=sla", "status,assignee,fields.verdict", shared);

    [SkippableFact]
    public async Task Create_ByAnAnalyst_IsListedForThemWithItsFilterAndColumns()
    {
        await Views.CreateAsync(Draft("Open by SLA"), s.Analyst);

        var view = (await Views.ListAsync(s.Analyst)).Single();

        Assert.Equal(("Open by SLA", "status=open&sort=sla", "status,assignee,fields.verdict", true), (view.Name, view.Query, view.Columns, view.CanEdit));
    }

    [SkippableFact]
    public async Task List_AnotherUsersPrivateView_IsNotListed()
    {
        await Views.CreateAsync(Draft("Mine"), s.Analyst);

        Assert.Empty(await Views.ListAsync(s.OtherAnalyst));
    }

    [SkippableFact]
    public async Task List_SharedView_IsListedForAViewerWhoCannotEditIt()
    {
        await Views.CreateAsync(Draft("Team queue", shared: true), s.Lead);

        var view = (await Views.ListAsync(s.Viewer)).Single();

        Assert.Equal(("Team queue", "Lee Lead", false), (view.Name, view.OwnerName, view.CanEdit));
    }

    [SkippableFact]
    public async Task Get_AnotherUsersPrivateView_IsNotFound()
    {
        var view = await Views.CreateAsync(Draft("Mine"), s.Analyst);

        await Assert.ThrowsAsync<NotFoundException>(() => Views.GetAsync(view.Id, s.OtherAnalyst));
    }

    [SkippableFact]
    public async Task Update_SharedViewBySomeoneElse_IsForbidden()
    {
        var view = await Views.CreateAsync(Draft("Team", shared: true), s.Lead);

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Views.UpdateAsync(view.Id, Draft("Renamed", shared: true), s.Analyst));

        Assert.Contains("Only Lee Lead or an admin", e.Message);
    }

    [SkippableFact]
    public async Task Update_SharedViewByAnAdmin_ChangesIt()
    {
        var view = await Views.CreateAsync(Draft("Team", shared: true), s.Lead);

        await Views.UpdateAsync(view.Id, Draft("Team, by SLA", shared: true) with { Query = "sort=sla" }, s.Admin);

        Assert.Equal(("Team, by SLA", "sort=sla"), ((await Views.GetAsync(view.Id, s.Lead)).Name, (await Views.GetAsync(view.Id, s.Lead)).Query));
    }

    [SkippableFact]
    public async Task Delete_ByItsOwner_RemovesIt()
    {
        var view = await Views.CreateAsync(Draft("Gone soon"), s.Analyst);

        await Views.DeleteAsync(view.Id, s.Analyst);

        Assert.Empty(await Views.ListAsync(s.Analyst));
    }

    [SkippableFact]
    public async Task Create_NameTheOwnerAlreadyUses_IsRefusedOnName()
    {
        await Views.CreateAsync(Draft("Open"), s.Analyst);

        var e = await Assert.ThrowsAsync<ValidationException>(() => Views.CreateAsync(Draft("open"), s.Analyst));

        Assert.Equal("name", e.Problems.Single().Path);
    }

    [SkippableFact]
    public async Task Create_BlankName_IsRefusedOnName()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Views.CreateAsync(Draft("  "), s.Analyst));

        Assert.Equal("name", e.Problems.Single().Path);
    }
}

public sealed class SavedViewServiceTestsOnSqlite() : SavedViewServiceTests(StoreProvider.Sqlite);

public sealed class SavedViewServiceTestsOnPostgres() : SavedViewServiceTests(StoreProvider.Postgres);
