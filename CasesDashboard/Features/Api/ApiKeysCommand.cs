using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Api;

/// <summary>
/// <c>dotnet run --project CasesDashboard -- api-keys create --name NAME --role ROLE</c>: applies the migrations, creates a key
/// with the app's own configuration (appsettings*.json, environment variables such as <c>ConnectionStrings__Cases</c>), prints
/// the secret once and exits. The key is audited as created by the command line.
/// </summary>
public static class ApiKeysCommand
{
    private const string Usage = "Usage: api-keys create --name NAME --role Admin|Lead|Analyst|Viewer";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCasesStore();
        builder.AddCasesFeatures();
        builder.Services.AddAuthentication(); // Identity's sign-in services, registered with the store, need it to be built
        await using var app = builder.Build();
        return await RunAsync(args, app.Services, Console.Out, Console.Error);
    }

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (Parse(args) is not { } parsed)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        await using (var db = await services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        try
        {
            var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(parsed.Name, parsed.Role, Actor.System("command line"));
            await output.WriteLineAsync($"Created API key {created.Key.Id} '{created.Key.Name}' with role {created.Key.Role}.");
            await output.WriteLineAsync("Secret (shown only now; store it in the calling system's secret store):");
            await output.WriteLineAsync(created.Secret);
            return 0;
        }
        catch (ValidationException e)
        {
            foreach (var problem in e.Problems) await error.WriteLineAsync($"Refused: {problem.Message}");
            return 1;
        }
    }

    private static (string Name, string Role)? Parse(string[] args)
    {
        if (args is not ["create", .. var options] || options.Length % 2 != 0) return null;
        string? name = null, role = null;
        for (var i = 0; i < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--name": name = options[i + 1]; break;
                case "--role": role = options[i + 1]; break;
                default: return null;
            }
        }
        return name is null || role is null ? null : (name, role);
    }
}
