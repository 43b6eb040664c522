using System.Net;
using System.Text.RegularExpressions;
using CasesDashboard.Components;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Web;

/// <summary>The headers every response carries, and HTTPS-only ones (directly or behind a trusted TLS proxy).</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.BehindProxy proxied) : IClassFixture<SecurityHeadersTests.BehindProxy>
{
    public sealed class BehindProxy : AppFactory
    {
        protected override Dictionary<string, string?> Settings => new(base.Settings) { ["ForwardedHeaders:Enabled"] = "true" };
    }

    private static string Csp(HttpResponseMessage response) => string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));

    [Theory]
    [InlineData("/Account/Login", null, HttpStatusCode.OK)]
    [InlineData("/cases", null, HttpStatusCode.Redirect)]
    [InlineData("/_framework/blazor.web.js", null, HttpStatusCode.OK)]
    [InlineData("/cases", "viewer@example.com", HttpStatusCode.OK)]
    [InlineData("/no-such-page", "viewer@example.com", HttpStatusCode.NotFound)]
    public async Task Response_AnyKind_CarriesTheSecurityHeaders(string path, string? signedInAs, HttpStatusCode status)
    {
        var client = signedInAs is null ? proxied.NewClient() : await proxied.SignedInAsync(signedInAs);

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", Csp(response));
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Csp_Page_AllowsOwnScriptsAndOnlyInlineScriptsWithThisResponsesNonce()
    {
        var first = await proxied.NewClient().GetAsync("/Account/Login");
        var second = await proxied.NewClient().GetAsync("/Account/Login");

        var scriptSrc = Regex.Match(Csp(first), "script-src ([^;]*)").Groups[1].Value;
        var nonce = Regex.Match(scriptSrc, "^'self' 'nonce-([0-9A-F]{32})'$").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.DoesNotContain($"'nonce-{nonce}'", Csp(second));
        var inlineScripts = Regex.Matches(await first.Content.ReadAsStringAsync(), "<script(?![^>]*\\ssrc=)[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(inlineScripts);
        Assert.All(inlineScripts, tag => Assert.Contains($"nonce=\"{nonce}\"", tag));
    }

    [Fact]
    public async Task Https_Response_HasHstsAndSecureCookies()
    {
        var response = await proxied.NewClient("https://cases.example").GetAsync("/Account/Login");

        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Http_Response_HasNoHsts()
    {
        var response = await proxied.NewClient("http://cases.example").GetAsync("/Account/Login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedProtoHttps_ProxyTrusted_HasHstsAndSecureCookies()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { { "X-Forwarded-Proto", "https" } } };

        var response = await proxied.NewClient("http://cases.example").SendAsync(request);

        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ForwardedHeadersSettings_KnownProxies_AreAddressesOrNetworks()
    {
        var options = new ForwardedHeadersSettings { Enabled = true, KnownProxies = ["10.0.0.5", "172.18.0.0/16"] }.ToOptions();

        Assert.Contains(IPAddress.Parse("10.0.0.5"), options.KnownProxies);
        Assert.Contains(System.Net.IPNetwork.Parse("172.18.0.0/16"), options.KnownIPNetworks);
    }
}

/// <summary>Without the setting, a client's X-Forwarded-Proto is not believed.</summary>
public sealed class ForwardedHeadersOffTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ForwardedProtoHttps_SettingOff_IsIgnored()
    {
        var client = app.NewClient("http://cases.example");
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { { "X-Forwarded-Proto", "https" } } };

        var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
