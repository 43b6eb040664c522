using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CasesDashboard.Data;

/// <summary>The case store's database: the embedded SQLite file (default) or a PostgreSQL server shared by several instances.</summary>
public enum StoreProvider { Sqlite, Postgres }

/// <summary>Where the store lives: configuration <c>Store:Provider</c> and <c>ConnectionStrings:Cases</c>.</summary>
public sealed record StoreConnection(StoreProvider Provider, string ConnectionString)
{
    public bool IsPostgres => Provider == StoreProvider.Postgres;
}

/// <summary>
/// The same model on PostgreSQL. A context type of its own, so that its migrations (Data/Migrations/Postgres) are kept apart
/// from SQLite's; services still ask for <see cref="CasesDbContext"/> and get this one when the store is PostgreSQL.
/// </summary>
public sealed class PostgresCasesDbContext(DbContextOptions<CasesDbContext> options) : CasesDbContext(options);

/// <summary>Hands out <see cref="PostgresCasesDbContext"/> where services ask for a <see cref="CasesDbContext"/>.</summary>
internal sealed class PostgresContextFactory(DbContextOptions<CasesDbContext> options) : IDbContextFactory<CasesDbContext>
{
    public CasesDbContext CreateDbContext() => new PostgresCasesDbContext(options);
}

/// <summary>For <c>dotnet ef migrations add … --context CasesDbContext</c> (the SQLite set).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<CasesDbContext>
{
    public CasesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CasesDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresCasesDbContext</c>: the model needs no live server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCasesDbContext>
{
    public PostgresCasesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CasesDbContext>().UseNpgsql("Host=localhost;Database=cases_design").Options);
}

/// <summary>The provider-specific connection set-up, in one place.</summary>
internal static class StoreConnectionSetup
{
    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder o, StoreConnection store, IInterceptor[] interceptors) =>
        store.IsPostgres
            ? o.UseNpgsql(store.ConnectionString).AddInterceptors(interceptors)
            : o.UseSqlite(store.ConnectionString).AddInterceptors([new SqlitePragmas(), .. interceptors]);
}
