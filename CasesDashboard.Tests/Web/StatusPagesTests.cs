using System.Net;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Web;

/// <summary>Unknown and forbidden pages say so with their HTTP status on the first (prerendered) response.</summary>
public sealed class StatusPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("viewer@example.com", "/cases/case_doesnotexist")]
    [InlineData("admin@example.com", "/admin/templates/NOPE")]
    [InlineData("viewer@example.com", "/no-such-page")]
    public async Task Page_Unknown_Answers404WithTheNotFoundPage(string email, string path)
    {
        var client = await app.SignedInAsync(email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Sorry, there is nothing at this address.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CasePage_TemplateTheRoleMayNotSee_Answers404()
    {
        var editor = app.Services.GetRequiredService<TemplateEditorService>();
        var admin = Actor.System("test");
        var draft = (await editor.GetDraftAsync("ATO")).Definition;
        draft.VisibleToRoles = [Roles.Lead, Roles.Admin];
        await editor.SaveDraftAsync("ATO", draft, admin);
        await editor.PublishAsync("ATO", admin);
        var caseId = (await app.Services.GetRequiredService<CaseQuery>().SearchAsync(new CaseFilter { Template = "ATO" }, admin)).Rows[0].Id;
        var client = await app.SignedInAsync("viewer@example.com");

        var response = await client.GetAsync($"/cases/{caseId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("viewer@example.com", "/admin/templates")]
    [InlineData("analyst@example.com", "/admin/templates/DOR")]
    [InlineData("viewer@example.com", "/cases/new")]
    public async Task Page_RoleMayNotOpen_Answers403WithTheAccessDeniedPage(string email, string path)
    {
        var client = await app.SignedInAsync(email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Your role does not allow this page.", await response.Content.ReadAsStringAsync());
    }
}
