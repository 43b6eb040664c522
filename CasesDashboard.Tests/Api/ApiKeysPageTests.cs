using Bunit;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Api.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Api;

/// <summary>The admin page for API keys: create (secret shown once), list, revoke.</summary>
public sealed class ApiKeysPageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;

    public async Task InitializeAsync() => h = (await ComponentHarness.CreateAsync()).Use<ApiKeyService>();
    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public void CreateKey_ShowsTheSecretOnceAndListsTheKeyByItsPrefix()
    {
        h.SignIn(S.Admin);
        var page = h.Render<ApiKeysPage>();

        page.Find("input[data-testid=key-name]").Input("Risk engine");
        page.Find("[data-testid=create-key]").Click();

        page.WaitForAssertion(() => Assert.Contains("pk_live_", page.Find("[data-testid=new-secret] code").TextContent));
        var secret = page.Find("[data-testid=new-secret] code").TextContent;
        var row = page.Find("[data-testid=api-keys] tbody tr");
        Assert.Contains("Risk engine", row.TextContent);
        Assert.Contains(secret[..12], row.TextContent);
        Assert.DoesNotContain(secret, row.TextContent);
    }

    [Fact]
    public async Task Revoke_MarksTheKeyRevokedAndItNoLongerAuthenticates()
    {
        var created = await S.Services.GetRequiredService<ApiKeyService>().CreateAsync("Old system", "Lead", S.Admin);
        h.SignIn(S.Admin);
        var page = h.Render<ApiKeysPage>();

        page.Find("[data-testid=revoke]").Click();

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("[data-testid=api-keys] tbody tr").TextContent));
        Assert.Null(await S.Services.GetRequiredService<ApiKeyService>().AuthenticateAsync(created.Secret));
    }
}
