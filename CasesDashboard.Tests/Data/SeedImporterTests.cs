using CasesDashboard.Data;
using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Data;

/// <summary>The real seed-data/ folder, imported through the product's importers.</summary>
public abstract class SeedImporterTests(StoreProvider provider)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Seed:DemoPassword"] = "Demo-pass-2026!", ["Seed:DemoCases"] = "60",
    };

    private async Task<TestStore> SeededAsync()
    {
        var store = await TestStore.OnAsync(provider, Settings, withTemplate: false);
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

    [SkippableFact]
    public async Task Run_InterruptedMidImport_NextStartImportsTheDemoCasesExactlyOnce()
    {
        var faults = new TestFaults();
        await using var s = await TestStore.OnAsync(provider, Settings, withTemplate: false, faults);
        await using (var scope = s.Services.CreateAsyncScope())
        {
            var seed = scope.ServiceProvider.GetRequiredService<SeedImporter>();
            await seed.ImportReferenceDataAsync();
            (faults.Armed, faults.CrashOnSave) = (true, 120);
            await Assert.ThrowsAsync<InvalidOperationException>(() => seed.RunAsync());
        }
        Assert.Equal(0, (await CountsAsync(s)).Cases);
        faults.Armed = false;

        await using (var scope = s.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().RunAsync();

        await using var db = await s.DbAsync();
        Assert.Equal(13 + 60, await db.Cases.CountAsync());
        Assert.Equal(await db.Cases.CountAsync(), await db.Cases.Select(c => c.Name).Distinct().CountAsync());
    }

    [SkippableFact]
    public void DemoCaseGenerator_SameSeedAndAnchor_GivesTheSameCasesWithDatesAroundTheAnchor()
    {
        var anchor = new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var templates = new[] { new TemplateSummary(1, TestTemplates.Key, "Test", 1, false, TestTemplates.Review()) };

        var first = new DemoCaseGenerator(7, templates, anchor).Generate(40);
        var second = new DemoCaseGenerator(7, templates, anchor).Generate(40);

        Assert.Equal(Features.Common.Json.Serialize(first.Cases), Features.Common.Json.Serialize(second.Cases));
        var dates = first.Cases.SelectMany(c => c.Fields.Where(f => f.Key == "due").Select(f => DateOnly.Parse(f.Value.GetString()!))).ToList();
        Assert.NotEmpty(dates);
        Assert.All(dates, d => Assert.InRange(d, new DateOnly(2018, 3, 1), new DateOnly(2023, 3, 1)));
        Assert.All(first.Objects.Inquiries, i => Assert.True(DateOnly.Parse(i.GetProperty("birthdate").GetString()!) < DateOnly.FromDateTime(anchor)));
    }

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
    public async Task Run_EveryStatusOfEveryTemplate_HasCases()
    {
        await using var s = await TestStore.OnAsync(provider, new(Settings) { ["Seed:DemoCases"] = "300" }, withTemplate: false);
        await using (var scope = s.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().RunAsync();
        await using var db = await s.DbAsync();

        var present = await db.Cases.Select(c => new { c.TemplateId, c.Status }).Distinct().CountAsync();
        var expected = (await s.Templates.ListAsync()).Sum(t => t.Definition.Statuses.Count);
        var oldest = await db.Cases.MinAsync(c => c.CreatedAt);

        Assert.Equal(expected, present);
        Assert.InRange(oldest, TestStore.Start.UtcDateTime.AddDays(-61), TestStore.Start.UtcDateTime.AddDays(-50));
    }

    [SkippableFact]
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

public sealed class SeedImporterTestsOnSqlite() : SeedImporterTests(StoreProvider.Sqlite);

public sealed class SeedImporterTestsOnPostgres() : SeedImporterTests(StoreProvider.Postgres);
