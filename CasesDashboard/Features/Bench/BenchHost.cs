using CasesDashboard.Data;
using CasesDashboard.Data.Seed;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// The product's real services over a fresh store with the seeded users and templates: a new SQLite file, or a PostgreSQL
/// database dropped and created again (its name must contain "bench", so a real database is never wiped by mistake).
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public StoreConnection Store { get; }
    public ServiceProvider Services { get; }
    public string ConnectionString => Store.ConnectionString;
    public RawBaselines Raw => new(Store);

    private BenchHost(StoreConnection store)
    {
        Store = store;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seed:DemoPassword"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)) + "aA1!",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole());
        services.AddDataProtection();
        services.AddCasesStore(store);
        services.AddCasesFeatures(configuration);
        Services = services.BuildServiceProvider();
    }

    /// <summary>A fresh store: <paramref name="store"/> emptied (a SQLite file deleted, a PostgreSQL database recreated), migrated, seeded with reference data.</summary>
    public static async Task<BenchHost> CreateAsync(StoreConnection store)
    {
        if (store.IsPostgres) await RecreateDatabaseAsync(store.ConnectionString);
        else
        {
            var path = new SqliteConnectionStringBuilder(store.ConnectionString).DataSource;
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        }
        var host = new BenchHost(store);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportReferenceDataAsync();
        return host;
    }

    /// <summary>The store a previous run left, as it is (migrated if the schema moved on; nothing deleted or imported).</summary>
    public static async Task<BenchHost> OpenAsync(StoreConnection store)
    {
        if (!store.IsPostgres && !File.Exists(new SqliteConnectionStringBuilder(store.ConnectionString).DataSource))
            throw new FileNotFoundException($"--skip ingest measures an existing store; there is none at {store.ConnectionString}.");
        var host = new BenchHost(store);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return host;
    }

    public static StoreConnection Sqlite(string path) => new(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ToString());

    /// <summary>The same server with another database name (the ingest baseline gets its own).</summary>
    public static StoreConnection Beside(StoreConnection store, string suffix) => store.IsPostgres
        ? store with { ConnectionString = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Database = new NpgsqlConnectionStringBuilder(store.ConnectionString).Database + suffix.Replace('.', '_') }.ToString() }
        : Sqlite(new SqliteConnectionStringBuilder(store.ConnectionString).DataSource + suffix + ".db");

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The store's size on disk: SQLite's file after a checkpoint, or PostgreSQL's <c>pg_database_size</c>.</summary>
    public async Task<long> CheckpointedBytesAsync()
    {
        if (Store.IsPostgres)
        {
            await using var pg = new NpgsqlConnection(ConnectionString);
            await pg.OpenAsync();
            await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", pg);
            return Convert.ToInt64(await size.ExecuteScalarAsync());
        }
        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        await using (var c = new SqliteConnection(ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await cmd.ExecuteNonQueryAsync();
        }
        return new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
    }

    /// <summary>Deletes what the bench made (the SQLite file of a scratch store; a PostgreSQL database is left for inspection).</summary>
    public void DeleteFiles()
    {
        if (Store.IsPostgres) return;
        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
    }

    private static async Task RecreateDatabaseAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (target.Database is not { } name || !name.Contains("bench", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"The bench drops and recreates its database: name it so it contains 'bench' (got '{target.Database}').");
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString());
        await admin.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\"" })
        {
            await using var cmd = new NpgsqlCommand(sql, admin);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }
}
