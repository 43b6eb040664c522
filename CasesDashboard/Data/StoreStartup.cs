using CasesDashboard.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Data;

public static class StoreStartup
{
    /// <summary>Applies the committed migrations, then imports seed-data/ (idempotent) when seeding is on.</summary>
    public static async Task PrepareStoreAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<CasesDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await db.Database.MigrateAsync();
        if (scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value.Enabled)
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().RunAsync();
    }
}
