using System.Net;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CasesDashboard.Tests.Web;

/// <summary>Signing out ends the session on the server, not only in the browser that signed out (ADR 005).</summary>
public sealed class SignOutTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The case list requested with nothing but these cookies, as an attacker holding a copy would.</summary>
    private Task<HttpResponseMessage> ReplayAsync(string cookies) =>
        app.NewClient(cookies: false).SendAsync(new HttpRequestMessage(HttpMethod.Get, "/cases") { Headers = { { "Cookie", cookies } } });

    /// <summary>Signs in as a browser would; returns it with the cookies it then holds (what an attacker would copy).</summary>
    private async Task<(HttpClient Browser, string Cookies)> SignInAsync()
    {
        var jar = new CookieContainerHandler();
        var browser = app.CreateDefaultClient(jar);
        await AppFactory.SignInAsync(browser, "viewer@example.com");
        return (browser, jar.Container.GetCookieHeader(browser.BaseAddress!));
    }

    [Fact]
    public async Task SignOut_CookieSavedBeforeReplayed_IsSentToSignIn()
    {
        var (browser, saved) = await SignInAsync();
        var token = AppFactory.AntiforgeryToken(await browser.GetStringAsync("/cases"));

        var signOut = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var response = await ReplayAsync(saved);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SavedCookie_WithoutSignOut_StillSignsIn()
    {
        var (_, saved) = await SignInAsync();

        var response = await ReplayAsync(saved);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
