using System.Net;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.ApiFactory;

namespace CasesDashboard.Tests.Api;

public sealed class ApiInflectionTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Create_CamelCaseRequest_IsUnderstood()
    {
        var response = await (await app.ApiAsync()).PostAsync("/api/v1/cases", Json("""
            {"data": {"attributes": {"caseTemplateId": "ctmpl_TST", "fields": {"note": "camel"}}}, "meta": {"slaExpiresInSeconds": 60}}
            """));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Get_SnakeInflection_InflectsNamesButNotFieldKeysOrDocuments()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api, """, "fields": {"note": "x"}""");
        await api.PatchAsync($"/api/v1/cases/{id}", Json("""{"data": {"attributes": {"external-data": [{"name": "d", "document": {"kebab-key": 1, "camelKey": 2}}]}}}"""));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{id}?include=external-data");
        request.Headers.Add("Key-Inflection", "snake");

        var doc = await ReadAsync(await api.SendAsync(request));

        Assert.NotNull(doc["data"]!["attributes"]!["sla_expires_at"]);
        Assert.NotNull(doc["data"]!["relationships"]!["case_template"]);
        Assert.Equal("x", (string)doc["data"]!["attributes"]!["fields"]!["note"]!);
        var document = doc["included"]![0]!["attributes"]!["document"]!;
        Assert.Equal(1, (int)document["kebab-key"]!);
        Assert.Equal(2, (int)document["camelKey"]!);
    }

    [Fact]
    public async Task Get_CamelInflection_InflectsNames()
    {
        var api = await app.ApiAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases?page[size]=1");
        request.Headers.Add("Key-Inflection", "camel");

        var doc = await ReadAsync(await api.SendAsync(request));

        Assert.NotNull(doc["data"]![0]!["attributes"]!["createdAt"]);
        Assert.NotNull(doc["meta"]!["nextCursor"]);
    }

    [Fact]
    public async Task Get_UnknownInflection_Returns400()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases");
        request.Headers.Add("Key-Inflection", "pascal");

        var response = await (await app.ApiAsync()).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
