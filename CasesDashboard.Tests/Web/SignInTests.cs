using System.Net;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Web;

/// <summary>Where signing in leads: a local page only.</summary>
public sealed class SignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("https://evil.example/x")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_ReturnUrlOffSite_GoesToTheDashboardInstead(string returnUrl)
    {
        var response = await AppFactory.SignInAsync(app.NewClient(), "viewer@example.com", returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri("http://localhost/"), new Uri(new Uri("http://localhost/"), response.Headers.Location!));
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_GoesThere()
    {
        var response = await AppFactory.SignInAsync(app.NewClient(), "viewer@example.com", returnUrl: "/cases?template=DOR&open=true");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cases?template=DOR&open=true", new Uri(new Uri("http://localhost/"), response.Headers.Location!).PathAndQuery);
    }
}
