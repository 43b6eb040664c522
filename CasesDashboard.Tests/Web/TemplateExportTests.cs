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

    [Theory]
    [InlineData("/admin/templates/NOPE/export", "Template 'NOPE' was not found.")]
    [InlineData("/admin/templates/DOR/export?version=99", "Template version 'DOR v99' was not found.")]
    public async Task Export_UnknownTemplateOrVersion_Answers404WithAProblemDocument(string url, string detail)
    {
        var client = await app.SignedInAsync("admin@example.com");

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(detail, doc.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Export_AsAnalyst_Answers403()
    {
        var client = await app.SignedInAsync("analyst@example.com");

        var response = await client.GetAsync("/admin/templates/DOR/export");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
