using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CasesDashboard.Data;

public static class StoreRegistration
{
    /// <summary>
    /// EF Core over SQLite or PostgreSQL (<c>Store:Provider</c>, <c>ConnectionStrings:Cases</c>), Identity's EF stores, the
    /// Data Protection key ring in the same database (sign-ins survive restarts and every instance on one database shares it),
    /// the health check.
    /// </summary>
    public static WebApplicationBuilder AddCasesStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddCasesStore(FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath));
        return builder;
    }

    /// <summary>The store named by configuration; a relative SQLite file is placed next to the app.</summary>
    public static StoreConnection FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var provider = configuration["Store:Provider"] is { Length: > 0 } p
            ? Enum.TryParse<StoreProvider>(p, ignoreCase: true, out var parsed) ? parsed
                : throw new InvalidOperationException($"Store:Provider '{p}' is not Sqlite or Postgres.")
            : StoreProvider.Sqlite;
        var connection = configuration.GetConnectionString("Cases");
        return provider == StoreProvider.Postgres
            ? new(provider, connection ?? throw new InvalidOperationException("Store:Provider is Postgres: set ConnectionStrings:Cases (e.g. Host=…;Database=cases;Username=…;Password=…)."))
            : new(provider, ResolveConnectionString(connection ?? "Data Source=cases.db", contentRoot));
    }

    /// <param name="interceptors">More EF Core interceptors (tests use them to force a busy database or a crash at a chosen write).</param>
    public static IServiceCollection AddCasesStore(this IServiceCollection services, StoreConnection store,
        params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        services.AddSingleton(store);
        services.AddSingleton<ClusterBus>();
        if (store.IsPostgres) services.AddHostedService<PostgresListener>();
        if (store.IsPostgres)
            services.AddDbContextFactory<CasesDbContext, PostgresContextFactory>(o => o.Use(store, interceptors));
        else
            services.AddDbContextFactory<CasesDbContext>(o => o.Use(store, interceptors));
        services.AddSingleton<Features.Audit.EventLogSignal>();
        services.AddSingleton<CasesStore>();
        services.AddSingleton<Features.Audit.EventLog>();
        services.AddSingleton<Leases>();

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CasesDbContext>()
            .AddSignInManager<CasesSignInManager>()
            .AddClaimsPrincipalFactory<DisplayNameClaimsFactory>()
            .AddDefaultTokenProviders();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UnknownEmailLockout>();
        services.AddDataProtection().SetApplicationName("CasesDashboard").PersistKeysToDbContext<CasesDbContext>();
        services.AddHealthChecks().AddDbContextCheck<CasesDbContext>("database");
        return services;
    }

    /// <summary>A relative SQLite file is placed next to the app (its content root), not the shell's directory.</summary>
    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && !csb.DataSource.StartsWith("file:")
            && csb.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(file))
            csb.DataSource = Path.Combine(contentRoot, file);
        return csb.ToString();
    }
}
