using CasesDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Data;

public static class StoreStartup
{
    /// <summary>Applies the committed migrations, then imports seed-data/ (idempotent) when seeding is on.</summary>
    public static async Task PrepareStoreAsync(this WebApplication app)
    {
        await MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value.Enabled)
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().RunAsync();
    }

    /// <summary>Brings the database to the committed migrations (creating the file if there is none).</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CasesDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}
