using CasesDashboard.Features.Cases;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Cases;

/// <summary>The grid as a page asks for it: values that name nothing the reader can see are left out, with a sentence saying so.</summary>
public sealed class CaseGridTests : IAsyncLifetime
{
    private TestStore s = default!;

    public async Task InitializeAsync()
    {
        s = await TestStore.CreateAsync();
        for (var i = 0; i < 3; i++) await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { Tags = i == 0 ? ["vip"] : [] }, s.Lead);
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private Task<CaseGrid> Grid(CaseFilter f) => s.Query.GridAsync(f, s.Analyst);

    [Fact]
    public async Task Grid_KnownValues_RunAsAskedWithoutNotices()
    {
        var grid = await Grid(new CaseFilter { Template = TestTemplates.Key, Status = "open", Assignee = CaseFilter.Unassigned, Tag = "vip" });

        Assert.Empty(grid.Notices);
        Assert.Equal(1, grid.Results.Total);
    }

    [Fact]
    public async Task Grid_Queue_ShowsTheCasesInItOrInNone()
    {
        var queue = await s.CreateAsync("Escalations");
        var first = (await s.Query.GridAsync(new CaseFilter(), s.Lead)).Results.Rows[0].Id;
        await s.Cases.MoveToQueueAsync(first, QueueChoice.To(queue.PublicId), null, s.Lead);

        var inQueue = await Grid(new CaseFilter { Queue = queue.PublicId });
        var inNone = await Grid(new CaseFilter { Queue = CaseFilter.Unassigned });

        Assert.Equal(([first], 2), (inQueue.Results.Rows.Select(r => r.Id).ToList(), inNone.Results.Total));
        Assert.Empty(inQueue.Notices);
    }

    [Fact]
    public async Task Grid_UnknownQueue_ShowsAllAndSaysSo()
    {
        var grid = await Grid(new CaseFilter { Queue = "cqu_nothing" });

        Assert.Equal(["Unknown queue ‘cqu_nothing’ — showing all"], grid.Notices);
        Assert.Equal(3, grid.Results.Total);
    }

    [Fact]
    public async Task Grid_UnknownStatus_ShowsAllAndSaysSo()
    {
        var grid = await Grid(new CaseFilter { Status = "nope" });

        Assert.Equal(["Unknown status ‘nope’ — showing all"], grid.Notices);
        Assert.Null(grid.Filter.Status);
        Assert.Equal(3, grid.Results.Total);
    }

    [Fact]
    public async Task Grid_StatusOfAnotherTemplateOnly_IsUnknownForTheChosenTemplate()
    {
        var other = TestTemplates.Review();
        other.Key = "OTH";
        other.Statuses.Add(new() { Key = "parked", Label = "Parked", Type = Features.Templates.StatusType.Intermediate });
        await s.Templates.ImportAsync(other, s.Admin);

        var grid = await Grid(new CaseFilter { Template = TestTemplates.Key, Status = "parked" });

        Assert.Equal(["Unknown status ‘parked’ — showing all"], grid.Notices);
    }

    [Fact]
    public async Task Grid_UnknownTemplate_ShowsAllAndSaysSo()
    {
        var grid = await Grid(new CaseFilter { Template = "NOPE" });

        Assert.Equal(["Unknown template ‘NOPE’ — showing all"], grid.Notices);
        Assert.Equal(3, grid.Results.Total);
    }

    [Fact]
    public async Task Grid_TemplateKeyInLowerCase_IsReadAsTheTemplate()
    {
        var grid = await Grid(new CaseFilter { Template = TestTemplates.Key.ToLowerInvariant() });

        Assert.Empty(grid.Notices);
        Assert.Equal(TestTemplates.Key, grid.Filter.Template);
    }

    [Fact]
    public async Task Grid_UnknownAssignee_ShowsAllAndSaysSo()
    {
        var grid = await Grid(new CaseFilter { Assignee = "no-such-user" });

        Assert.Equal(["Unknown assignee ‘no-such-user’ — showing all"], grid.Notices);
        Assert.Equal(3, grid.Results.Total);
    }

    [Fact]
    public async Task Grid_UnknownTag_ShowsAllAndSaysSo()
    {
        var grid = await Grid(new CaseFilter { Tag = "nope" });

        Assert.Equal(["Unknown tag ‘nope’ — showing all"], grid.Notices);
        Assert.Equal(3, grid.Results.Total);
    }

    [Fact]
    public async Task Grid_PagePastTheLast_ShowsTheLastPageAndSaysSo()
    {
        var grid = await Grid(new CaseFilter { PageSize = 2, Page = 40 });

        Assert.Equal(["Page 40 is past the last page — showing page 2"], grid.Notices);
        Assert.Equal((2, 1), (grid.Results.Page, grid.Results.Rows.Count));
    }

    [Fact]
    public async Task Grid_HugePageNumber_ShowsTheLastPage()
    {
        var grid = await Grid(new CaseFilter { Page = int.MaxValue });

        Assert.Equal(1, grid.Results.Page);
        Assert.Equal(3, grid.Results.Rows.Count);
    }

    [Fact]
    public async Task Grid_SearchTermTooShort_IsLeftOutAndSaysSo()
    {
        var grid = await Grid(new CaseFilter { Text = "ab" });

        Assert.Equal(["‘ab’ is too short to search for (at least 3 characters) — left out"], grid.Notices);
        Assert.Equal(3, grid.Results.Total);
    }

    [Fact]
    public async Task Search_LastPossibleDate_DoesNotFail() =>
        Assert.Equal(3, (await s.Query.SearchAsync(new CaseFilter { CreatedTo = DateOnly.MaxValue }, s.Analyst)).Total);
}
