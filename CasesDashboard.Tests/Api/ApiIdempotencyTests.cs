using System.Net;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.ApiFactory;

namespace CasesDashboard.Tests.Api;

public sealed class ApiIdempotencyTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static HttpRequestMessage Create(string key, string template = "ctmpl_TST") => new(HttpMethod.Post, "/api/v1/cases")
    {
        Content = Json($$"""{"data": {"attributes": {"case-template-id": "{{template}}"} } }"""),
        Headers = { { "Idempotency-Key", key } },
    };

    [Fact]
    public async Task Post_SameKeyAndBody_ReplaysTheFirstResponseAndCreatesOneCase()
    {
        var api = await app.ApiAsync();
        var first = await api.SendAsync(Create("retry-1"));
        var before = await app.FootprintAsync();

        var second = await api.SendAsync(Create("retry-1"));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(before, await app.FootprintAsync());
    }

    [Fact]
    public async Task Post_SameKeyAnotherBody_Returns422AndWritesNothing()
    {
        var api = await app.ApiAsync();
        await api.SendAsync(Create("retry-2"));
        var before = await app.FootprintAsync();

        var response = await api.SendAsync(Create("retry-2", "ctmpl_DOR"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("retry-2", (string)(await ReadAsync(response))["errors"]![0]!["details"]!);
        Assert.Equal(before, await app.FootprintAsync());
    }

    [Fact]
    public async Task Post_RefusedRequest_IsReplayedToo()
    {
        var api = await app.ApiAsync();
        var first = await api.SendAsync(Create("retry-3", "ctmpl_NOPE"));

        var second = await api.SendAsync(Create("retry-3", "ctmpl_NOPE"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, first.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Post_SameKeyFromAnotherApiKey_IsItsOwnRequest()
    {
        await (await app.ApiAsync()).SendAsync(Create("shared-key"));

        var response = await (await app.ApiAsync(Features.Security.Roles.Admin)).SendAsync(Create("shared-key", "ctmpl_DOR"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
