using System.Net;
using System.Text.Json.Nodes;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.ApiFactory;

namespace CasesDashboard.Tests.Api;

/// <summary>Queues through the API: case-queue-id on create and update, the case-queue relationship, filters, search, /case-queues.</summary>
public sealed class ApiQueueTestsOnSqlite(ApiFactory app) : ApiQueueTests<ApiFactory>(app);

public sealed class ApiQueueTestsOnPostgres(PostgresApiFactory app) : ApiQueueTests<PostgresApiFactory>(app);

public abstract class ApiQueueTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApiFactory
{
    private async Task<QueueInfo> QueueAsync(string key) =>
        (await app.Services.GetRequiredService<QueueDirectory>().AllAsync()).Single(q => q.Key == key);

    private static StringContent Patch(JsonObject attributes) => Json(new JsonObject { ["data"] = new JsonObject { ["attributes"] = attributes } }.ToJsonString());

    private static string QueueOf(JsonNode doc) => (string)doc["data"]!["relationships"]!["case-queue"]!["data"]!["id"]!;

    [SkippableFact]
    public async Task CreateCase_WithCaseQueueId_PlacesItThereAndShowsTheRelationship()
    {
        var api = await app.ApiAsync();
        var queue = await QueueAsync("payments-fraud");

        var id = await NewCaseAsync(api, $""", "case-queue-id": "{queue.PublicId}" """);

        var doc = await ReadAsync(await api.GetAsync($"/api/v1/cases/{id}"));
        Assert.Equal(queue.PublicId, QueueOf(doc));
        Assert.Equal("case-queue", (string)doc["data"]!["relationships"]!["case-queue"]!["data"]!["type"]!);
    }

    [SkippableFact]
    public async Task PatchCase_CaseQueueId_MovesTheCase()
    {
        var api = await app.ApiAsync();
        var queue = await QueueAsync("high-risk");
        var id = await NewCaseAsync(api);

        var response = await api.PatchAsync($"/api/v1/cases/{id}", Patch(new JsonObject { ["case-queue-id"] = queue.PublicId, ["fields"] = new JsonObject { ["note"] = "moved" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await ReadAsync(response);
        Assert.Equal((queue.PublicId, "moved"), (QueueOf(doc), (string)doc["data"]!["attributes"]!["fields"]!["note"]!));
    }

    [SkippableFact]
    public async Task PatchCase_CaseQueueIdNull_TakesTheCaseOutOfItsQueue()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api, $""", "case-queue-id": "{(await QueueAsync("high-risk")).PublicId}" """);

        var doc = await ReadAsync(await api.PatchAsync($"/api/v1/cases/{id}", Json("""{"data": {"attributes": {"case-queue-id": null}}}""")));

        Assert.Null(doc["data"]!["relationships"]!["case-queue"]!["data"]);
    }

    [SkippableFact]
    public async Task PatchCase_CaseQueueIdWithAnAnalystKey_Returns403AndChangesNothing()
    {
        var id = await NewCaseAsync(await app.ApiAsync());
        var analyst = await app.ApiAsync(Roles.Analyst);

        var response = await analyst.PatchAsync($"/api/v1/cases/{id}", Patch(new JsonObject { ["case-queue-id"] = (await QueueAsync("high-risk")).PublicId }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Only leads and admins can move cases between queues.", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task ListCases_FilterByCaseQueueId_ListsOnlyThatQueuesCases()
    {
        var api = await app.ApiAsync();
        var queue = await QueueAsync("payments-fraud");
        var placed = await NewCaseAsync(api, $""", "case-queue-id": "{queue.PublicId}" """);

        var doc = await ReadAsync(await api.GetAsync($"/api/v1/cases?filter[case-queue-id]={queue.PublicId}&page[size]=100"));

        var data = doc["data"]!.AsArray();
        Assert.Contains(data, c => (string)c!["id"]! == placed);
        Assert.All(data, c => Assert.Equal(queue.PublicId, QueueOf(new JsonObject { ["data"] = c!.DeepClone() })));
    }

    [SkippableFact]
    public async Task Search_CaseQueueEq_FindsTheCase()
    {
        var api = await app.ApiAsync();
        var queue = await QueueAsync("high-risk");
        var placed = await NewCaseAsync(api, $""", "case-queue-id": "{queue.PublicId}" """);

        var doc = await ReadAsync(await api.PostAsync("/api/v1/cases/search",
            Json($$$"""{"query": {"attribute": "case_queue", "operator": "eq", "value": "{{{queue.PublicId}}}"}, "page": {"size": 100}}""")));

        Assert.Contains(doc["data"]!.AsArray(), c => (string)c!["id"]! == placed);
    }

    [SkippableFact]
    public async Task ListCaseQueues_ReturnsTheSeededQueuesInRoutingOrder()
    {
        var doc = await ReadAsync(await (await app.ApiAsync(Roles.Viewer)).GetAsync("/api/v1/case-queues"));

        var names = doc["data"]!.AsArray().Select(q => (string)q!["attributes"]!["name"]!).ToList();
        Assert.Equal(["High risk", "Driver onboarding", "Payments & fraud"], names);
        Assert.Equal("least_loaded", (string)doc["data"]![0]!["attributes"]!["assignment-policy"]!);
    }

    [SkippableFact]
    public async Task GetCaseQueue_UnknownId_Returns404()
    {
        var response = await (await app.ApiAsync()).GetAsync("/api/v1/case-queues/cq_nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
