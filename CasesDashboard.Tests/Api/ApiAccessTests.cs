using System.Net;
using System.Net.Http.Headers;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.ApiFactory;

namespace CasesDashboard.Tests.Api;

/// <summary>Who may call what: API keys only (never the sign-in cookie), each key with exactly its role.</summary>
public sealed class ApiAccessTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public void EveryApiEndpoint_DeclaresOneOfTheNamedPoliciesAndOnlyTheApiKeyScheme()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1") == true).ToList();

        Assert.True(endpoints.Count > 30);
        foreach (var e in endpoints)
        {
            var authorize = e.Metadata.GetOrderedMetadata<IAuthorizeData>();
            Assert.Contains(authorize, a => a.Policy is not null && Policies.RolesByPolicy.ContainsKey(a.Policy));
            Assert.Equal([ApiKeyAuthenticationHandler.SchemeName], authorize.Where(a => a.AuthenticationSchemes is not null).Select(a => a.AuthenticationSchemes).Distinct());
        }
    }

    [Fact]
    public async Task Request_WithoutKey_Returns401Document()
    {
        var response = await app.NewClient().GetAsync("/api/v1/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("401", (string)(await ReadAsync(response))["errors"]![0]!["status"]!);
    }

    [Fact]
    public async Task Request_SignedInWithTheCookieOnly_Returns401()
    {
        var client = await app.SignedInAsync("admin@example.com");

        var response = await client.GetAsync("/api/v1/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_RevokedKey_Returns401()
    {
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync("short-lived", Roles.Lead, Actor.System("test"));
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/case-templates")).StatusCode);

        await keys.RevokeAsync(created.Key.Id, Actor.System("test"));
        var response = await client.GetAsync("/api/v1/case-templates");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", (string)(await ReadAsync(response))["errors"]![0]!["details"]!);
    }

    [Fact]
    public async Task Request_UnknownKey_Returns401()
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pk_live_not-a-real-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/cases")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Viewer, "GET", "/api/v1/cases", HttpStatusCode.OK)]
    [InlineData(Roles.Viewer, "POST", "/api/v1/cases", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Viewer, "POST", "/api/v1/accounts", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Viewer, "POST", "/api/v1/cases/search", HttpStatusCode.OK)]
    [InlineData(Roles.Analyst, "POST", "/api/v1/cases", HttpStatusCode.Created)]
    [InlineData(Roles.Analyst, "DELETE", "/api/v1/cases/{id}", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Lead, "DELETE", "/api/v1/cases/{id}", HttpStatusCode.OK)]
    [InlineData(Roles.Admin, "POST", "/api/v1/cases/{id}/set-tags", HttpStatusCode.OK)]
    [InlineData(Roles.Viewer, "POST", "/api/v1/cases/{id}/add-comment", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Analyst, "POST", "/api/v1/cases/{id}/add-comment", HttpStatusCode.OK)]
    public async Task RoleMatrix_KeyOfEachRole_GetsWhatItsRoleAllows(string role, string method, string path, HttpStatusCode expected)
    {
        var id = await NewCaseAsync(await app.ApiAsync());
        var bodies = new Dictionary<string, string>
        {
            ["/api/v1/cases"] = """{"data": {"attributes": {"case-template-id": "ctmpl_TST"}}}""",
            ["/api/v1/accounts"] = """{"data": {"attributes": {"name": "x"}}}""",
            ["/api/v1/cases/search"] = """{"query": {"attribute": "status", "operator": "eq", "value": "open"}}""",
            ["/api/v1/cases/{id}/set-tags"] = """{"meta": {"tag-name": ["a"]}}""",
            ["/api/v1/cases/{id}/add-comment"] = """{"meta": {"comment": "hello"}}""",
        };
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id));
        if (bodies.TryGetValue(path, out var body)) request.Content = Json(body);

        var response = await (await app.ApiAsync(role)).SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AnalystKey_WorkingACaseNotAssignedToIt_IsRefusedWithTheReason()
    {
        var id = await NewCaseAsync(await app.ApiAsync());

        var response = await (await app.ApiAsync(Roles.Analyst)).PatchAsync($"/api/v1/cases/{id}", Json("""{"data": {"attributes": {"fields": {"note": "x"}}}}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Assign", (string)(await ReadAsync(response))["errors"]![0]!["details"]!);
    }

    [Fact]
    public async Task Response_CarriesRateLimitHeaders()
    {
        var response = await (await app.ApiAsync()).GetAsync("/api/v1/case-templates");

        Assert.True(response.Headers.Contains("RateLimit-Limit"));
        Assert.True(response.Headers.Contains("RateLimit-Remaining"));
        Assert.True(response.Headers.Contains("RateLimit-Reset"));
    }
}

/// <summary>A factory whose keys may make two requests a minute.</summary>
public sealed class TightRateLimitFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> ApiSettings => new Dictionary<string, string> { ["Api:RateLimitPermits"] = "2" };
}

public sealed class ApiRateLimitTests(TightRateLimitFactory app) : IClassFixture<TightRateLimitFactory>
{
    [Fact]
    public async Task Request_OverTheKeysLimit_Returns429WithRetryAfterAndAJsonError()
    {
        var api = await app.ApiAsync();
        await api.GetAsync("/api/v1/case-templates");
        await api.GetAsync("/api/v1/case-templates");

        var response = await api.GetAsync("/api/v1/case-templates");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("0", response.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.Equal("429", (string)(await ReadAsync(response))["errors"]![0]!["status"]!);
    }

    [Fact]
    public async Task Request_AnotherKeysLimit_IsItsOwn()
    {
        var viewer = await app.ApiAsync(Roles.Viewer);
        for (var i = 0; i < 2; i++) await (await app.ApiAsync(Roles.Analyst)).GetAsync("/api/v1/case-templates");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/case-templates")).StatusCode);
    }
}
