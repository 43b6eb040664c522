using CasesDashboard.Data;
using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using CasesDashboard.Data;

namespace CasesDashboard.Features.Bench;

/// <summary>The product's real services over a fresh SQLite file, with the seeded users and templates.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    public string Path { get; }
    public string ConnectionString { get; }
    public ServiceProvider Services { get; }

    private BenchHost(string path)
    {
        Path = path;
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seed:DemoPassword"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)) + "aA1!",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole());
        services.AddDataProtection();
        services.AddCasesStore(new StoreConnection(StoreProvider.Sqlite, ConnectionString));
        services.AddCasesFeatures(configuration);
        Services = services.BuildServiceProvider();
    }

    public static async Task<BenchHost> CreateAsync(string path)
    {
        var host = new BenchHost(path);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportReferenceDataAsync();
        return host;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<long> CheckpointedBytesAsync()
    {
        await using (var c = new SqliteConnection(ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await cmd.ExecuteNonQueryAsync();
        }
        return new FileInfo(Path).Length + (File.Exists(Path + "-wal") ? new FileInfo(Path + "-wal").Length : 0);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
