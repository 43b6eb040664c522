using System.Net;
using CasesDashboard.Data;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CasesDashboard.Tests.Web;

/// <summary>Demo users and cases come with Development (README's first command) or an explicit setting, never by default.</summary>
public sealed class DemoDataTests
{
    private sealed class ProductionWithoutSettings : AppFactory
    {
        protected override Dictionary<string, string?> Settings => [];
    }

    private sealed class Development : AppFactory
    {
        protected override string Environment => "Development";
        protected override Dictionary<string, string?> Settings => new() { ["Seed:DemoCases"] = "0" };
    }

    [Fact]
    public async Task Start_ProductionWithoutSettings_HasNoUsersAndNoCases()
    {
        await using var app = new ProductionWithoutSettings();

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        Assert.Equal((0, 0), (await db.Users.CountAsync(), await db.Cases.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await AppFactory.SignInAsync(app.NewClient(), "admin@example.com")).StatusCode);
    }

    [Fact]
    public async Task Start_Development_DemoUsersSignInWithTheReadmePassword()
    {
        await using var app = new Development();

        var response = await AppFactory.SignInAsync(app.NewClient(), "admin@example.com", "Demo-pass-2026!");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Start_DemoPasswordSetInProduction_WarnsThatTheDemoUsersHaveAKnownPassword()
    {
        await using var app = new AppFactory();

        _ = app.Services;

        Assert.Contains(app.Logs.At(LogLevel.Warning), m => m.StartsWith("Seed:DemoPassword is set: the demo users of seed-data/users.json (admin@example.com and others) sign in with that known password."));
    }
}
