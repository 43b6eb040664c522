using CasesDashboard.Data;
using System.Text.Json;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Cases;

public abstract class CaseQueryTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider);
        await s.Objects.ImportAsync(new ObjectBundle
        {
            Accounts = [JsonSerializer.SerializeToElement(new { id = "act_q0000000000000000000001", reference_id = "drv_4242", name = "Lena Fischer", email = "lena@example.de", status = "active" })],
        });
        for (var i = 0; i < 7; i++)
        {
            s.Clock.Advance(TimeSpan.FromHours(1));
            await s.Cases.CreateAsync(new NewCase(TestTemplates.Key)
            {
                Priority = i % 2 == 0 ? CasePriority.High : CasePriority.Low,
                AssigneeId = i < 3 ? s.Analyst.Id : null,
                Tags = i == 4 ? ["sim-swap"] : [],
                ObjectIds = i == 5 ? ["act_q0000000000000000000001"] : [],
            }, s.Lead);
        }
    }
    public async Task DisposeAsync() => await s.DisposeAsync();

    private Task<CaseResults> Search(CaseFilter f) => s.Query.SearchAsync(f, s.Analyst);

    [SkippableFact]
    public async Task Search_AssigneeMe_ReturnsOnlyTheReadersCases()
    {
        var page = await Search(new CaseFilter { Assignee = CaseFilter.Me });
        Assert.Equal(3, page.Total);
        Assert.All(page.Rows, r => Assert.Equal("Sam Analyst", r.AssigneeName));
    }

    [SkippableFact]
    public async Task Search_PriorityAndTagAndUnassigned_Combine()
    {
        Assert.Equal(4, (await Search(new CaseFilter { Priority = CasePriority.High })).Total);
        Assert.Equal("TST-5", (await Search(new CaseFilter { Tag = "sim-swap" })).Rows.Single().Name);
        Assert.Equal(2, (await Search(new CaseFilter { Assignee = CaseFilter.Unassigned, Priority = CasePriority.High })).Total);
    }

    [SkippableTheory]
    [InlineData("TST-6")]
    [InlineData("tst-6")]
    [InlineData("drv_4242")]
    [InlineData("lena@example.de")]
    [InlineData("Fischer")]
    [InlineData("act_q0000000000000000000001")]
    public async Task Search_Text_FindsByNameReferenceEmailPersonOrObjectId(string text)
    {
        var page = await Search(new CaseFilter { Text = text });
        Assert.Equal("TST-6", page.Rows.Single().Name);
    }

    [SkippableFact]
    public async Task Search_SortAndPage_AreStableAndCounted()
    {
        var first = await Search(new CaseFilter { PageSize = 3, Sort = CaseSort.Created, Descending = false });
        var third = await Search(new CaseFilter { PageSize = 3, Page = 3, Sort = CaseSort.Created, Descending = false });

        Assert.Equal((7, 3), (first.Total, first.PageCount));
        Assert.Equal(["TST-1", "TST-2", "TST-3"], first.Rows.Select(r => r.Name));
        Assert.Equal(["TST-7"], third.Rows.Select(r => r.Name));
    }

    [SkippableFact]
    public async Task Search_CreatedRange_IsInclusiveOfWholeDays()
    {
        var today = DateOnly.FromDateTime(TestStore.Start.UtcDateTime);
        Assert.Equal(7, (await Search(new CaseFilter { CreatedFrom = today, CreatedTo = today })).Total);
        Assert.Equal(0, (await Search(new CaseFilter { CreatedFrom = today.AddDays(1) })).Total);
    }

    [SkippableFact]
    public async Task Search_StatusAndOpenOnly_UseStatusColumns()
    {
        Assert.Equal(7, (await Search(new CaseFilter { Status = "open", OpenOnly = true, Template = TestTemplates.Key })).Total);
        Assert.Equal(0, (await Search(new CaseFilter { Status = "approved" })).Total);
        Assert.Equal(0, (await Search(new CaseFilter { Template = "NOPE" })).Total);
    }
}

public sealed class CaseQueryTestsOnSqlite() : CaseQueryTests(StoreProvider.Sqlite);

public sealed class CaseQueryTestsOnPostgres() : CaseQueryTests(StoreProvider.Postgres);
