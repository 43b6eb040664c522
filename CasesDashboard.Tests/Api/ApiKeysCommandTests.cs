using CasesDashboard.Features.Api;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Api;

public sealed class ApiKeysCommandTests : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.CreateAsync();
    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task Create_PrintsASecretThatAuthenticatesWithTheRole()
    {
        var output = new StringWriter();

        var exit = await ApiKeysCommand.RunAsync(["create", "--name", "CI", "--role", "Viewer"], s.Services, output, new StringWriter());

        Assert.Equal(0, exit);
        var secret = output.ToString().Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("pk_live_"));
        var found = await s.Services.GetRequiredService<ApiKeyService>().AuthenticateAsync(secret);
        Assert.Equal(["Viewer"], found!.Value.Actor.Roles);
    }

    [Fact]
    public async Task Create_UnknownRole_ExitsWithTheReason()
    {
        var error = new StringWriter();

        var exit = await ApiKeysCommand.RunAsync(["create", "--name", "CI", "--role", "Owner"], s.Services, new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("role is one of", error.ToString());
    }

    [Fact]
    public async Task Run_WithoutOptions_PrintsUsage()
    {
        var error = new StringWriter();

        Assert.Equal(2, await ApiKeysCommand.RunAsync(["create"], s.Services, new StringWriter(), error));
        Assert.Contains("Usage: api-keys create", error.ToString());
    }
}
