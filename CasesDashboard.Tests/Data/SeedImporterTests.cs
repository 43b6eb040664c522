using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Data;

/// <summary>The real seed-data/ folder, imported through the product's importers.</summary>
public sealed class SeedImporterTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Seed:DemoPassword"] = "Demo-pass-2026!", ["Seed:DemoCases"] = "60",
    };

    private static async Task<TestStore> SeededAsync()
    {
        var store = await TestStore.CreateAsync(Settings, withTemplate: false);
        await using var scope = store.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().RunAsync();
        return store;
    }

    private static async Task<(int Cases, int Objects, int Users, int Templates, int Events)> CountsAsync(TestStore s)
    {
        await using var db = await s.DbAsync();
        return (await db.Cases.CountAsync(), await db.Objects.CountAsync(), await db.Users.CountAsync(),
            await db.CaseTemplates.CountAsync(), await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task Run_Twice_ImportsOnce()
    {
        await using var s = await SeededAsync();
        var first = await CountsAsync(s);

        await using (var scope = s.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().RunAsync();

        Assert.Equal(first, await CountsAsync(s));
        Assert.Equal(13 + 60, first.Cases);
        Assert.Equal(4, first.Templates);
    }

    [Fact]
    public async Task Run_DemoUsersOnePerRole_CanSignInWithTheConfiguredPassword()
    {
        await using var s = await SeededAsync();
        var users = await s.Users.AllAsync();

        foreach (var (email, role) in new[] { ("admin@example.com", "Admin"), ("lead@example.com", "Lead"), ("analyst@example.com", "Analyst"), ("viewer@example.com", "Viewer") })
            Assert.Contains(role, users.Single(u => u.Email == email).Roles);
        await using var scope = s.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CasesDashboard.Data.ApplicationUser>>();
        Assert.True(await manager.CheckPasswordAsync((await manager.FindByEmailAsync("analyst@example.com"))!, "Demo-pass-2026!"));
    }

    [Fact]
    public async Task Run_HandWrittenCases_KeepTheirHistory()
    {
        await using var s = await SeededAsync();
        var aisha = (await s.Query.SearchAsync(new CaseFilter { Text = "Aisha" }, s.Admin)).Rows.Single();

        var view = await s.Query.GetAsync(aisha.Id, s.Admin);

        Assert.Equal(("DOR", "in_review", "Sam Carter"), (view.TemplateKey, view.Status.Key, view.AssigneeName));
        Assert.Contains(view.Objects, o => o.Object is CasesDashboard.Features.Objects.Inquiry);
        Assert.NotNull(view.Document("background_check"));
        Assert.Single(view.Comments);
    }

    [Fact]
    public async Task Run_EveryStatusOfEveryTemplate_HasCases()
    {
        await using var s = await TestStore.CreateAsync(new(Settings) { ["Seed:DemoCases"] = "300" }, withTemplate: false);
        await using (var scope = s.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().RunAsync();
        await using var db = await s.DbAsync();

        var present = await db.Cases.Select(c => new { c.TemplateId, c.Status }).Distinct().CountAsync();
        var expected = (await s.Templates.ListAsync()).Sum(t => t.Definition.Statuses.Count);
        var oldest = await db.Cases.MinAsync(c => c.CreatedAt);

        Assert.Equal(expected, present);
        Assert.InRange(oldest, TestStore.Start.UtcDateTime.AddDays(-61), TestStore.Start.UtcDateTime.AddDays(-50));
    }

    [Fact]
    public async Task Run_FixedSeed_GeneratesTheSameCasesOnEveryFreshStart()
    {
        await using var a = await SeededAsync();
        await using var b = await SeededAsync();

        async Task<List<string>> Fingerprint(TestStore s)
        {
            await using var db = await s.DbAsync();
            return await db.Cases.OrderBy(c => c.Id).Select(c => c.Name + c.Status + c.Priority + c.CreatedAt).ToListAsync();
        }

        Assert.Equal(await Fingerprint(a), await Fingerprint(b));
    }
}
