using System.Net;
using System.Text.RegularExpressions;
using CasesDashboard.Data;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Web;

/// <summary>Through the real pipeline: sign-in, redirects, server prerendering, health.</summary>
public sealed class PipelineTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Health_Anonymous_ReportsHealthyAfterCheckingTheDatabase()
    {
        var response = await app.NewClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/cases")]
    [InlineData("/cases/case_unknown")]
    public async Task Page_Anonymous_RedirectsToSignIn(string path)
    {
        var response = await app.NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnTheFormWithAnError()
    {
        var response = await AppFactory.SignInAsync(app.NewClient(), "analyst@example.com", "wrong-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("wrong email or password", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_CookieKeys_AreKeptInTheCaseStoreSoSignInsSurviveARestart()
    {
        await app.SignedInAsync("viewer@example.com");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        Assert.Contains(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(), xml => xml!.Contains("<key id="));
    }

    [Fact]
    public async Task Root_Analyst_LandsOnMyOpenCases()
    {
        var client = await app.SignedInAsync("analyst@example.com");

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cases?assignee=me&open=true", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task CaseList_FirstResponse_HasRowsLinkingToCasePages()
    {
        var client = await app.SignedInAsync("lead@example.com");

        var html = await client.GetStringAsync("/cases?template=DOR");

        var links = Regex.Matches(html, "href=\"cases/(case_[1-9A-Za-z]{24})\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.Contains(">DOR-1<", html);
        Assert.DoesNotContain(">ATO-1<", html);
    }

    [Theory]
    [InlineData("/cases?template=DOR&page=abc")]
    [InlineData("/cases?template=DOR&open=yes&desc=maybe")]
    [InlineData("/cases?template=DOR&page=-3&sort=nonsense&from=yesterday")]
    public async Task CaseList_HandEditedLinkWithUnreadableValues_ShowsTheListWithDefaultsForThem(string url)
    {
        var client = await app.SignedInAsync("lead@example.com");

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(">DOR-1<", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CasePage_FirstResponse_HasTheTemplatePanelsAndActions()
    {
        var client = await app.SignedInAsync("analyst@example.com");
        var list = await client.GetStringAsync("/cases?q=Aisha");
        var id = Regex.Match(list, "data-case-id=\"(case_[^\"]+)\"").Groups[1].Value;

        var html = await client.GetStringAsync($"/cases/{id}");

        Assert.Contains("DOR-2", html);
        foreach (var panel in new[] { "info", "fields", "inputs", "inquiries", "keyvalue", "accounts", "reports", "comments", "timeline" })
            Assert.Contains($"data-panel=\"{panel}\"", html);
        Assert.Contains("data-action=\"approve\"", html);
        Assert.Contains("Aisha", html);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRejected()
    {
        var client = await app.SignedInAsync("viewer@example.com");

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases")).StatusCode);
    }
}
