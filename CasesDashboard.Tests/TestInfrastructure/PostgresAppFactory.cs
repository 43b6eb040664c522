using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>The real app on a PostgreSQL database (several factories may share one, as several instances would).</summary>
public sealed class PostgresAppFactory(string connectionString, Action<IServiceCollection>? services = null) : AppFactory
{
    protected override Dictionary<string, string?> Settings => new(base.Settings)
    {
        ["Store:Provider"] = "Postgres", ["ConnectionStrings:Cases"] = connectionString,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (services is not null) builder.ConfigureServices(services);
    }
}
