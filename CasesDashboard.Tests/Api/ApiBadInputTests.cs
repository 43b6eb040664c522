using System.Net;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.ApiFactory;

namespace CasesDashboard.Tests.Api;

/// <summary>Each kind of bad input: a 4xx naming the member or parameter at fault, and nothing written.</summary>
public sealed class ApiBadInputTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private async Task<(HttpStatusCode Status, string? Pointer, string? Parameter, string Details)> RefusedAsync(Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var api = await app.ApiAsync();
        var before = await app.FootprintAsync();
        var response = await send(api);
        Assert.Equal(before, await app.FootprintAsync());
        var error = (await ReadAsync(response))["errors"]![0]!;
        return (response.StatusCode, (string?)error["source"]?["pointer"], (string?)error["source"]?["parameter"], (string)error["details"]!);
    }

    private static Func<HttpClient, Task<HttpResponseMessage>> Post(string path, string body) => api => api.PostAsync(path, Json(body));

    [Fact]
    public async Task Create_MalformedJson_Returns400WithThePosition()
    {
        var (status, pointer, _, details) = await RefusedAsync(Post("/api/v1/cases", """{"data": {"attributes": {"case-template-id": "ctmpl_TST",}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("", pointer);
        Assert.Contains("line 1, position", details);
    }

    [Fact]
    public async Task Create_WrongTypeForTheTemplateId_Returns400AtTheAttribute()
    {
        var (status, pointer, _, _) = await RefusedAsync(Post("/api/v1/cases", """{"data": {"attributes": {"case-template-id": 7}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("/data/attributes/case-template-id", pointer);
    }

    [Fact]
    public async Task Create_UnknownAttribute_Returns400NamingIt()
    {
        var (status, pointer, _, _) = await RefusedAsync(Post("/api/v1/cases", """{"data": {"attributes": {"case-template-id": "ctmpl_TST", "colour": "red"}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("/data/attributes/colour", pointer);
    }

    [Fact]
    public async Task Create_UnknownTemplate_Returns422AtTheTemplateId()
    {
        var (status, pointer, _, details) = await RefusedAsync(Post("/api/v1/cases", """{"data": {"attributes": {"case-template-id": "ctmpl_NOPE"}}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("/data/attributes/case-template-id", pointer);
        Assert.Contains("NOPE", details);
    }

    [Fact]
    public async Task Create_UnknownObjectId_Returns422AtItsIndex()
    {
        var (status, pointer, _, _) = await RefusedAsync(Post("/api/v1/cases",
            """{"data": {"attributes": {"case-template-id": "ctmpl_TST"}}, "meta": {"object-ids": ["act_1ecy4AhVKy2qsnbPeH55aHvi", "act_missing"]}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("/meta/object-ids/1", pointer);
    }

    [Fact]
    public async Task Create_FieldNotInTheSchema_Returns422NamingTheField()
    {
        var (status, pointer, _, details) = await RefusedAsync(Post("/api/v1/cases", """{"data": {"attributes": {"case-template-id": "ctmpl_TST", "fields": {"shoe_size": 44}}}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("/data/attributes/fields/shoe_size", pointer);
        Assert.Contains("shoe_size", details);
    }

    [Fact]
    public async Task Create_FieldValueOfTheWrongType_Returns422AtTheField()
    {
        var (status, pointer, _, _) = await RefusedAsync(Post("/api/v1/cases", """{"data": {"attributes": {"case-template-id": "ctmpl_TST", "fields": {"count": "many"}}}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("/data/attributes/fields/count", pointer);
    }

    [Fact]
    public async Task SetStatus_StatusNotInTheTemplate_Returns422AtMetaStatus()
    {
        var id = await NewCaseAsync(await app.ApiAsync());

        var (status, pointer, _, details) = await RefusedAsync(Post($"/api/v1/cases/{id}/set-status", """{"meta": {"status": "vanished"}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("/meta/status", pointer);
        Assert.Contains("vanished", details);
    }

    [Fact]
    public async Task SetStatus_TransitionTheTemplateForbids_Returns422()
    {
        var id = await NewCaseAsync(await app.ApiAsync());

        var (status, pointer, _, details) = await RefusedAsync(Post($"/api/v1/cases/{id}/set-status", """{"meta": {"status": "approved"}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("/meta/status", pointer);
        Assert.Contains("cannot move from Open to Approved", details);
    }

    [Fact]
    public async Task SetStatus_ResolvingWithoutRequiredFields_Returns422ForEachField()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api);
        await api.PostAsync($"/api/v1/cases/{id}/set-status", Json("""{"meta": {"status": "working"}}"""));

        var response = await api.PostAsync($"/api/v1/cases/{id}/set-status", Json("""{"meta": {"status": "approved"}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var pointers = (await ReadAsync(response))["errors"]!.AsArray().Select(e => (string)e!["source"]!["pointer"]!).ToList();
        Assert.Equal(["/data/attributes/fields/verdict", "/data/attributes/fields/confirmed"], pointers);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Returns413Document()
    {
        var big = new string('x', 1_100_000);

        var (status, _, _, details) = await RefusedAsync(Post("/api/v1/cases", $$"""{"data": {"attributes": {"case-template-id": "ctmpl_TST", "fields": {"story": "{{big}}"} } } }"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("1,048,576", details);
    }

    [Fact]
    public async Task List_PageSizeOverTheMaximum_Returns400AtTheParameter()
    {
        var (status, _, parameter, _) = await RefusedAsync(api => api.GetAsync("/api/v1/cases?page[size]=101"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("page[size]", parameter);
    }

    [Fact]
    public async Task List_BadCursor_Returns400AtTheParameter()
    {
        var (status, _, parameter, _) = await RefusedAsync(api => api.GetAsync("/api/v1/cases?page[after]=case_nothere"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("page[after]", parameter);
    }

    [Fact]
    public async Task List_UnknownFilter_Returns400NamingIt()
    {
        var (status, _, parameter, _) = await RefusedAsync(api => api.GetAsync("/api/v1/cases?filter[colour]=red"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("filter[colour]", parameter);
    }

    [Fact]
    public async Task Search_UnknownAttribute_Returns400AtThatCondition()
    {
        var (status, pointer, _, _) = await RefusedAsync(Post("/api/v1/cases/search",
            """{"query": {"and": [{"attribute": "status", "operator": "eq", "value": "open"}, {"attribute": "mood", "operator": "eq", "value": "x"}]}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("/query/and/1/attribute", pointer);
    }

    [Fact]
    public async Task Patch_UnknownQueueId_Returns422AtTheAttribute()
    {
        var id = await NewCaseAsync(await app.ApiAsync());

        var (status, pointer, _, details) = await RefusedAsync(api => api.PatchAsync($"/api/v1/cases/{id}", Json("""{"data": {"attributes": {"case-queue-id": "cq_1"}}}""")));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "/data/attributes/case-queue-id"), (status, pointer));
        Assert.Equal("There is no case queue 'cq_1'.", details);
    }

    [Fact]
    public async Task CreateTransaction_AmountNotANumber_Returns422AtTheAttribute()
    {
        var (status, pointer, _, _) = await RefusedAsync(Post("/api/v1/transactions", """{"data": {"attributes": {"amount": "lots", "currency": "USD"}}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("/data/attributes/amount", pointer);
    }

    [Fact]
    public async Task UnknownEndpoint_Returns404Document()
    {
        var (status, _, _, _) = await RefusedAsync(api => api.GetAsync("/api/v1/nothing-here"));

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
