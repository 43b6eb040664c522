using System.Net;
using System.Text.Json;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Web;

public sealed class TemplateExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Export_AsAdmin_DownloadsTheSeedFormat()
    {
        var client = await app.SignedInAsync("admin@example.com");

        var response = await client.GetAsync("/admin/templates/DOR/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DOR.json", response.Content.Headers.ContentDisposition!.FileName);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("DOR", doc.RootElement.GetProperty("key").GetString());
        Assert.Equal(5, doc.RootElement.GetProperty("statuses").GetArrayLength());
    }

    [Fact]
    public async Task Export_AsAnalyst_IsDenied()
    {
        var client = await app.SignedInAsync("analyst@example.com");

        var response = await client.GetAsync("/admin/templates/DOR/export");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}
