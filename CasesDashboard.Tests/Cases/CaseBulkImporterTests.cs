using CasesDashboard.Data;
using System.Text.Json;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

public abstract class CaseBulkImporterTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private CaseBulkImporter Bulk => s.Services.GetRequiredService<CaseBulkImporter>();
    private static readonly DateTime Created = TestStore.Start.UtcDateTime.AddDays(-3);

    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider);
        await s.Objects.ImportAsync(new ObjectBundle
        {
            Accounts = [JsonSerializer.SerializeToElement(new { id = "act_bulk000000000000000000001", name = "Nina Patel", status = "active" })],
        });
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task Import_ResolvedAndOpenCases_KeepTheirStateAndTellTheirHistory()
    {
        var ids = await Bulk.ImportAsync(
        [
            new BulkCase(TestTemplates.Key, "approved", Created)
            {
                AssigneeId = s.Analyst.Id, AssignedAt = Created.AddHours(1), ResolvedAt = Created.AddHours(5),
                Fields = Fields(("verdict", "clean"), ("confirmed", true)), Tags = ["airport"], ObjectIds = ["act_bulk000000000000000000001"],
                Comments = [new BulkComment(s.Analyst.Id, "Verified.", Created.AddHours(4))],
            },
            new BulkCase(TestTemplates.Key, "open", Created.AddHours(2)),
        ], Actor.System("migration"));

        var resolved = await s.Query.GetAsync(ids[0], s.Lead);
        Assert.Equal(("TST-1", "approved", "Sam Analyst", "Sam Analyst"), (resolved.Name, resolved.Status.Key, resolved.AssigneeName, resolved.ResolverName));
        Assert.Equal(Created.AddHours(5), resolved.ResolvedAt);
        Assert.Equal(Created.AddHours(24), resolved.SlaExpiresAt);
        Assert.Equal(["airport"], resolved.Tags);
        Assert.Equal("Nina Patel", ((Account)resolved.Objects.Single().Object).Name);
        Assert.Equal("Verified.", resolved.Comments.Single().Body);
        Assert.Equal([CaseEventTypes.Created, CaseEventTypes.Assigned, CaseEventTypes.Commented, CaseEventTypes.Resolved], resolved.Timeline.Select(e => e.Type));
        Assert.Equal(("TST-2", false), ((await s.Query.GetAsync(ids[1], s.Lead)).Name, (await s.Query.GetAsync(ids[1], s.Lead)).IsResolved));
        Assert.Equal("TST-3", (await s.Query.GetAsync(await s.NewCaseAsync(), s.Lead)).Name);
    }

    [SkippableFact]
    public async Task Import_AnyInvalidCase_RefusesTheWholeBatchNamingEachProblem()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Bulk.ImportAsync(
        [
            new BulkCase(TestTemplates.Key, "open", Created),
            new BulkCase(TestTemplates.Key, "vanished", Created),
            new BulkCase(TestTemplates.Key, "approved", Created),
            new BulkCase("NOPE", "open", Created),
            new BulkCase(TestTemplates.Key, "open", Created) { Fields = Fields(("count", "many")), AssigneeId = s.Viewer.Id },
        ], Actor.System()));

        Assert.Equal(["cases[1].status", "cases[2].fields.confirmed", "cases[2].fields.verdict", "cases[2].resolved_at", "cases[3].template", "cases[4].assignee", "cases[4].fields.count"],
            e.Problems.Select(p => p.Path).Order());
        await using var db = await s.DbAsync();
        Assert.Equal(0, await db.Cases.CountAsync());
    }

    [SkippableFact]
    public async Task Import_UnknownObject_RefusesTheBatchAndWritesNothing()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Bulk.ImportAsync(
            [new BulkCase(TestTemplates.Key, "open", Created) { ObjectIds = ["act_missing"] }], Actor.System()));

        Assert.Equal("cases[0].objects", e.Problems.Single().Path);
        await using var db = await s.DbAsync();
        Assert.Equal((0, 0), (await db.Cases.CountAsync(), await db.AuditEvents.CountAsync(a => a.CaseId != null)));
    }

    [SkippableFact]
    public async Task Import_ByAnalyst_IsRefused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Bulk.ImportAsync([new BulkCase(TestTemplates.Key, "open", Created)], s.Analyst));
    }
}

public sealed class CaseBulkImporterTestsOnSqlite() : CaseBulkImporterTests(StoreProvider.Sqlite);

public sealed class CaseBulkImporterTestsOnPostgres() : CaseBulkImporterTests(StoreProvider.Postgres);
