using CasesDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Data;

public static class StoreStartup
{
    /// <summary>
    /// Applies the committed migrations, then imports seed-data/ (idempotent) when seeding is on. Instances starting together
    /// on one database take turns: EF Core locks the migrations, and the seed runs under a lease.
    /// </summary>
    public static async Task PrepareStoreAsync(this WebApplication app)
    {
        await MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        if (!scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value.Enabled) return;
        var leases = scope.ServiceProvider.GetRequiredService<Leases>();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!await leases.TryAcquireAsync(SeedLease, TimeSpan.FromMinutes(5)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Another instance has been seeding the database for 5 minutes.");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        try { await scope.ServiceProvider.GetRequiredService<SeedImporter>().RunAsync(); }
        finally { await leases.ReleaseAsync(SeedLease); }
    }

    private const string SeedLease = "startup:seed";

    /// <summary>Brings the database to the committed migrations (creating the file if there is none).</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CasesDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}
