using System.Net;
using System.Reflection;
using System.Security.Claims;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Web;

/// <summary>Every page states who may use it, and each policy admits exactly the roles it should.</summary>
public sealed class RoleMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly Type[] Pages = typeof(Program).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes<RouteAttribute>().Any()).ToArray();

    [Fact]
    public void EveryPage_DeclaresAPolicyOrIsAnAnonymousAccountOrErrorPage()
    {
        Assert.NotEmpty(Pages);
        foreach (var page in Pages)
        {
            var authorize = page.GetCustomAttributes<AuthorizeAttribute>(true).ToList();
            var anonymous = page.GetCustomAttributes<AllowAnonymousAttribute>(true).Any();
            if (anonymous)
                Assert.True(page.Namespace!.EndsWith("Account.Pages") || page.Name is "StatusPage" or "Error", $"{page.Name} is anonymous");
            else
                Assert.True(authorize.Count > 0 && authorize.All(a => a.Policy is not null && Policies.RolesByPolicy.ContainsKey(a.Policy)),
                    $"{page.Name} must declare [Authorize(Policy = ...)] with a known policy");
        }
    }

    [Theory]
    [InlineData(Policies.ViewCases, "Admin,Lead,Analyst,Viewer")]
    [InlineData(Policies.WorkCases, "Admin,Lead,Analyst")]
    [InlineData(Policies.LeadCases, "Admin,Lead")]
    [InlineData(Policies.Administer, "Admin")]
    public async Task Policy_AdmitsExactlyItsRoles(string policy, string admitted)
    {
        var auth = app.Services.GetRequiredService<IAuthorizationService>();
        foreach (var role in Roles.All)
        {
            var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"));
            var result = await auth.AuthorizeAsync(user, policy);
            Assert.True(result.Succeeded == admitted.Split(',').Contains(role), $"{policy} for {role}");
        }
    }

    [Theory]
    [InlineData("admin@example.com", Roles.Admin)]
    [InlineData("lead@example.com", Roles.Lead)]
    [InlineData("analyst@example.com", Roles.Analyst)]
    [InlineData("viewer@example.com", Roles.Viewer)]
    public async Task Page_EachRole_IsServedOrAnswers403AsItsPolicySays(string email, string role)
    {
        var client = await app.SignedInAsync(email);
        foreach (var page in Pages.Where(p => !p.GetCustomAttributes<AllowAnonymousAttribute>(true).Any()))
        {
            var admitted = page.GetCustomAttributes<AuthorizeAttribute>(true).All(a => Policies.RolesByPolicy[a.Policy!].Contains(role));
            foreach (var route in page.GetCustomAttributes<RouteAttribute>().Select(r => r.Template).Where(t => !t.Contains('{')))
            {
                var status = (await client.GetAsync(route)).StatusCode;
                Assert.True(admitted ? status is HttpStatusCode.OK or HttpStatusCode.Redirect : status == HttpStatusCode.Forbidden,
                    $"{role} on {route} ({page.Name}): {status}");
            }
        }
    }

    [Theory]
    [InlineData("admin@example.com", HttpStatusCode.OK)]
    [InlineData("lead@example.com", HttpStatusCode.Forbidden)]
    [InlineData("analyst@example.com", HttpStatusCode.Forbidden)]
    [InlineData("viewer@example.com", HttpStatusCode.Forbidden)]
    public async Task WebhookPages_OnlyAdmins_AreServed(string email, HttpStatusCode expected)
    {
        var hook = await app.Services.GetRequiredService<Features.Webhooks.WebhookService>()
            .CreateAsync("https://hooks.example.com/cases", [Features.Webhooks.WebhookEvents.CaseCreated], Actor.System("test"));
        var client = await app.SignedInAsync(email);

        Assert.Equal((expected, expected), ((await client.GetAsync("/admin/webhooks")).StatusCode, (await client.GetAsync($"/admin/webhooks/{hook.Webhook.Id}")).StatusCode));
    }

    [Fact]
    public async Task WebhookPage_UnknownWebhook_Answers404()
    {
        var client = await app.SignedInAsync("admin@example.com");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/webhooks/wbh_nothing")).StatusCode);
    }

    [Theory]
    [InlineData("/queues", "admin@example.com,lead@example.com,analyst@example.com", "viewer@example.com")]
    [InlineData("/admin/queues", "admin@example.com", "lead@example.com,analyst@example.com,viewer@example.com")]
    [InlineData("/admin/sla", "admin@example.com", "lead@example.com,analyst@example.com,viewer@example.com")]
    [InlineData("/admin/automations", "admin@example.com", "lead@example.com,analyst@example.com,viewer@example.com")]
    [InlineData("/admin/automations/new", "admin@example.com", "lead@example.com,analyst@example.com,viewer@example.com")]
    public async Task QueuePages_AnswerOnlyTheirRoles(string route, string served, string refused)
    {
        foreach (var email in served.Split(','))
            Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(email)).GetAsync(route)).StatusCode);
        foreach (var email in refused.Split(','))
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync(email)).GetAsync(route)).StatusCode);
    }

    [Theory]
    [InlineData("/analytics")]
    [InlineData("/analytics/export/counts.csv")]
    public async Task Analytics_AnswersLeadsAndAdminsOnly(string route)
    {
        foreach (var email in new[] { "admin@example.com", "lead@example.com" })
            Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(email)).GetAsync(route)).StatusCode);
        foreach (var email in new[] { "analyst@example.com", "viewer@example.com" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync(email)).GetAsync(route)).StatusCode);
    }

    [Fact]
    public async Task AnalyticsExport_IsCsvWithAHeaderAndUnknownTablesAre404()
    {
        var client = await app.SignedInAsync("lead@example.com");

        var csv = await client.GetAsync("/analytics/export/counts.csv?from=2026-11-25&to=2026-11-01");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Figure,Value", await csv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/analytics/export/nothing.csv")).StatusCode);
    }

    [Fact]
    public async Task Policy_AnonymousUser_IsRefusedByEveryPolicy()
    {
        var auth = app.Services.GetRequiredService<IAuthorizationService>();
        foreach (var policy in Policies.RolesByPolicy.Keys)
            Assert.False((await auth.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), policy)).Succeeded);
    }
}
