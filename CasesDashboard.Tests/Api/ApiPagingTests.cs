using System.Text.Json.Nodes;
using CasesDashboard.Features.Bench;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.ApiFactory;

namespace CasesDashboard.Tests.Api;

/// <summary>The app with 3,000 more cases loaded through the bulk importer (the bench's data).</summary>
public class ThousandsOfCasesFactory : ApiFactory, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (Provider == CasesDashboard.Data.StoreProvider.Postgres && PostgresServer.Unavailable is not null) return;   // its tests skip
        var templates = await Services.GetRequiredService<TemplateService>().ListAsync();
        var workers = (await Services.GetRequiredService<UserDirectory>().AllAsync()).Where(u => u.CanWork).ToList();
        var data = new BenchDataset(templates, workers, DateTime.UtcNow, seed: 3);
        for (var b = 0; b < 3; b++)
        {
            var batch = data.Batch(b, 1_000);
            await Services.GetRequiredService<ObjectService>().ImportAsync(batch.Objects);
            await Services.GetRequiredService<CaseBulkImporter>().ImportAsync(batch.Cases, Actor.System("test"));
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed class ThousandsOfCasesOnPostgresFactory : ThousandsOfCasesFactory
{
    protected override CasesDashboard.Data.StoreProvider Provider => CasesDashboard.Data.StoreProvider.Postgres;
}

public sealed class ApiPagingTestsOnSqlite(ThousandsOfCasesFactory app) : ApiPagingTests<ThousandsOfCasesFactory>(app);

public sealed class ApiPagingTestsOnPostgres(ThousandsOfCasesOnPostgresFactory app) : ApiPagingTests<ThousandsOfCasesOnPostgresFactory>(app);

public abstract class ApiPagingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ThousandsOfCasesFactory
{
    private async Task<List<JsonNode>> WalkAsync(HttpClient api, string first, string direction)
    {
        var seen = new List<JsonNode>();
        string? next = first;
        while (next is not null)
        {
            var doc = await ReadAsync(await api.GetAsync(next));
            seen.AddRange(doc["data"]!.AsArray().Select(c => c!.DeepClone()));
            next = (string?)doc["links"]![direction];
        }
        return seen;
    }

    [SkippableFact]
    public async Task List_FollowingNextLinks_VisitsEveryCaseOnceNewestFirst()
    {
        var api = await app.ApiAsync();
        await using var db = await app.DbAsync();
        var total = await db.Cases.CountAsync();

        var cases = await WalkAsync(api, "/api/v1/cases?page[size]=100", "next");

        Assert.True(total > 3_000);
        Assert.Equal(total, cases.Select(c => (string)c["id"]!).Distinct().Count());
        Assert.Equal(total, cases.Count);
        var created = cases.Select(c => DateTime.Parse((string)c["attributes"]!["created-at"]!)).ToList();
        Assert.Equal(created.OrderByDescending(t => t), created);
    }

    [SkippableFact]
    public async Task List_FollowingPrevLinksFromTheLastPage_ComesBackToTheFirst()
    {
        var api = await app.ApiAsync();
        var forward = await WalkAsync(api, "/api/v1/cases?page[size]=50&filter[case-template-id]=ctmpl_DOR", "next");
        var lastPage = forward.TakeLast(forward.Count % 50 == 0 ? 50 : forward.Count % 50).ToList();

        var back = await WalkAsync(api, $"/api/v1/cases?page[size]=50&filter[case-template-id]=ctmpl_DOR&page[before]={lastPage[0]["id"]}", "prev");

        Assert.Equal(forward.Count - lastPage.Count, back.Count);
        Assert.Equal(forward.Select(c => (string)c["id"]!).Take(back.Count).Order(), back.Select(c => (string)c["id"]!).Order());
    }

    [SkippableFact]
    public async Task List_StatusTemplateAndTagFilters_ReturnExactlyTheMatchingCases()
    {
        var api = await app.ApiAsync();
        await using var db = await app.DbAsync();
        var dor = (await app.Services.GetRequiredService<TemplateService>().GetByKeyAsync("DOR")).Id;
        var expected = await db.Cases.Where(c => c.TemplateId == dor && (c.Status == "approved" || c.Status == "rejected")
            && c.Tags.Any(t => t.Tag == "vip-driver")).Select(c => c.PublicId).ToListAsync();

        var cases = await WalkAsync(api, "/api/v1/cases?page[size]=100&filter[case-template-id]=ctmpl_DOR&filter[status]=approved,rejected&filter[tag]=vip-driver", "next");

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), cases.Select(c => (string)c["id"]!).Order());
    }

    [SkippableFact]
    public async Task List_AccountFilter_ReturnsTheCasesLinkedToTheAccount()
    {
        var api = await app.ApiAsync();
        await using var db = await app.DbAsync();
        var link = await db.CaseObjectLinks.Where(l => l.ObjectId.StartsWith("act_")).OrderBy(l => l.CaseId).FirstAsync();
        var expected = await db.CaseObjectLinks.Where(l => l.ObjectId == link.ObjectId).CountAsync();

        var cases = await WalkAsync(api, $"/api/v1/cases?filter[account-id]={link.ObjectId}", "next");

        Assert.Equal(expected, cases.Count);
    }

    [SkippableFact]
    public async Task Search_SortedBySlaAscending_PagesThroughInOrder()
    {
        var api = await app.ApiAsync();
        var body = """{"query": {"attribute": "state", "operator": "eq", "value": "open"}, "sort": {"attribute": "sla_expires_at", "direction": "asc"}, "page": {"size": 100}}""";
        var all = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = after is null ? body : body.Replace("\"size\": 100", $"\"size\": 100, \"after\": \"{after}\"");
            var doc = await ReadAsync(await api.PostAsync("/api/v1/cases/search", Json(page)));
            all.AddRange(doc["data"]!.AsArray().Select(c => c!.DeepClone()));
            after = (string?)doc["meta"]!["next-cursor"];
        } while (after is not null);

        await using var db = await app.DbAsync();
        Assert.Equal(await db.Cases.CountAsync(c => c.StatusType != StatusType.End), all.Count);
        var due = all.Select(c => DateTime.Parse((string)c["attributes"]!["sla-expires-at"]!)).ToList();
        Assert.Equal(due.Order(), due);
    }
}
