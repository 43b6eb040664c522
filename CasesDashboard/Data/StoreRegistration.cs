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
    /// EF Core over SQLite (<c>ConnectionStrings:Cases</c>), Identity's EF stores, the Data Protection key ring in the same
    /// database (sign-ins survive restarts and every instance on one database shares it), the health check.
    /// </summary>
    public static WebApplicationBuilder AddCasesStore(this WebApplicationBuilder builder)
    {
        var connectionString = ResolveConnectionString(
            builder.Configuration.GetConnectionString("Cases") ?? "Data Source=cases.db",
            builder.Environment.ContentRootPath);
        builder.Services.AddCasesStore(connectionString);
        return builder;
    }

    public static IServiceCollection AddCasesStore(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<CasesDbContext>(o => o
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas()));
        services.AddSingleton<CasesStore>();

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
