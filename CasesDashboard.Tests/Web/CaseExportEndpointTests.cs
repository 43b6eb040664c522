using System.Net;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Web;

/// <summary>The CSV download over HTTP: signed-in readers get the view's columns as an attachment; anonymous callers are sent to sign in.</summary>
public sealed class CaseExportEndpointTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Get_SignedInViewer_DownloadsEveryVisibleCaseWithTheChosenColumns()
    {
        var client = await app.SignedInAsync("viewer@example.com");

        var response = await client.GetAsync("/cases/export.csv?cols=status,priority&sort=sla");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("cases-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Case,Case id,Status,Priority", lines[0]);
        Assert.True(lines.Length > 20, $"{lines.Length - 1} cases exported");
    }

    [Fact]
    public async Task Get_Anonymous_IsSentToSignIn()
    {
        var response = await app.NewClient().GetAsync("/cases/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString());
    }
}
