using System.Text.RegularExpressions;
using CasesDashboard.Data;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Security;

/// <summary>The <c>users create</c> verb, run in-process over a database that has no tables yet.</summary>
public sealed class UsersCommandTests : IAsyncLifetime
{
    private const string StrongPassword = "Strong-pass-2026!";
    private readonly TestStore store = TestStore.CreateEmpty();
    private readonly StringWriter output = new(), error = new();

    private Task<int> RunAsync(string? standardInput, params string[] args) =>
        UsersCommand.RunAsync(args, store.Services,
            new CommandConsole(new StringReader(standardInput ?? ""), standardInput is not null, output, error));

    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.FindByEmailAsync(email) is { } user && await users.CheckPasswordAsync(user, password);
    }

    [Fact]
    public async Task Create_PasswordOnStandardInput_MigratesAndCreatesTheUserInTheRole()
    {
        var exit = await RunAsync(StrongPassword + "\n", "create", "--email", "olga@acme.test", "--role", "Admin", "--name", "Olga Ops");

        Assert.Equal(0, exit);
        var user = Assert.Single(await store.Users.AllAsync());
        Assert.Equal(("olga@acme.test", "Olga Ops"), (user.Email, user.DisplayName));
        Assert.Equal([Roles.Admin], user.Roles);
        Assert.True(await PasswordWorksAsync("olga@acme.test", StrongPassword));
        Assert.DoesNotContain(StrongPassword, output.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Create_NoPasswordOnStandardInput_PrintsAGeneratedPasswordThatSignsIn(string? standardInput)
    {
        var exit = await RunAsync(standardInput, "create", "--email", "lee@acme.test", "--role", "lead");

        Assert.Equal(0, exit);
        var password = Regex.Match(output.ToString(), @"Password \(shown only now; keep it somewhere safe\): (\S+)").Groups[1].Value;
        Assert.True(await PasswordWorksAsync("lee@acme.test", password));
        Assert.Equal([Roles.Lead], (await store.Users.AllAsync()).Single().Roles);
    }

    [Fact]
    public async Task Create_UnknownRole_RefusesAndNamesTheRoles()
    {
        var exit = await RunAsync(StrongPassword, "create", "--email", "olga@acme.test", "--role", "Superuser");

        Assert.Equal(1, exit);
        Assert.Contains("Unknown role 'Superuser': use one of Admin, Lead, Analyst, Viewer.", error.ToString());
        Assert.Empty(await store.Users.AllAsync());
    }

    [Fact]
    public async Task Create_NotAnEmail_Refuses()
    {
        var exit = await RunAsync(StrongPassword, "create", "--email", "olga.acme.test", "--role", "Admin");

        Assert.Equal(1, exit);
        Assert.Contains("'olga.acme.test' is not an email address.", error.ToString());
        Assert.Empty(await store.Users.AllAsync());
    }

    [Fact]
    public async Task Create_ExistingEmail_RefusesAndKeepsTheFirstPassword()
    {
        await RunAsync(StrongPassword, "create", "--email", "olga@acme.test", "--role", "Admin");

        var exit = await RunAsync("Other-pass-2026!", "create", "--email", "olga@acme.test", "--role", "Viewer");

        Assert.Equal(1, exit);
        Assert.Contains("A user with the email olga@acme.test already exists.", error.ToString());
        Assert.True(await PasswordWorksAsync("olga@acme.test", StrongPassword));
    }

    [Fact]
    public async Task Create_WeakPassword_RefusesWithIdentitysMessages()
    {
        var exit = await RunAsync("abc", "create", "--email", "olga@acme.test", "--role", "Admin");

        Assert.Equal(1, exit);
        Assert.Contains("Passwords must be at least 6 characters.", error.ToString());
        Assert.Contains("Passwords must have at least one digit ('0'-'9').", error.ToString());
        Assert.Empty(await store.Users.AllAsync());
    }

    [Theory]
    [InlineData("create", "--email", "olga@acme.test")]
    [InlineData("create", "--email", "olga@acme.test", "--role", "Admin", "--password", "x")]
    [InlineData("delete", "--email", "olga@acme.test")]
    public async Task Run_IncompleteOrUnknownArguments_PrintsUsage(params string[] args)
    {
        var exit = await RunAsync(StrongPassword, args);

        Assert.Equal(2, exit);
        Assert.Contains("Usage: users create --email EMAIL --role", error.ToString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await store.DisposeAsync();
}
