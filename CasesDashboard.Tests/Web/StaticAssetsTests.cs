using System.Net;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Web;

/// <summary>The built app, run in Production, serves the UI's styles and scripts (its own and its packages').</summary>
public sealed class StaticAssetsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/app.css")]
    public async Task Asset_Production_IsServed(string path)
    {
        var response = await app.NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
