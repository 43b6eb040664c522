using System.Net;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CasesDashboard.Tests.Web;

/// <summary>Signing out ends the session on the server, not only in the browser that signed out (ADR 005).</summary>
public sealed class SignOutTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task SignOut_CookieSavedBeforeReplayed_IsSentToSignIn()
    {
        var cookies = new CookieContainerHandler();
        var browser = app.CreateDefaultClient(cookies);
        await AppFactory.SignInAsync(browser, "viewer@example.com");
        var saved = cookies.Container.GetCookieHeader(browser.BaseAddress!);
        var token = AppFactory.AntiforgeryToken(await browser.GetStringAsync("/cases"));

        var signOut = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var replay = new HttpRequestMessage(HttpMethod.Get, "/cases") { Headers = { { "Cookie", saved } } };
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(replay);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SavedCookie_WithoutSignOut_StillSignsIn()
    {
        var cookies = new CookieContainerHandler();
        await AppFactory.SignInAsync(app.CreateDefaultClient(cookies), "viewer@example.com");
        var saved = cookies.Container.GetCookieHeader(new Uri("http://localhost/"));

        var replay = new HttpRequestMessage(HttpMethod.Get, "/cases") { Headers = { { "Cookie", saved } } };
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
