using CasesDashboard.Data;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Security;

/// <summary>Where a command reads and writes; the real console, or strings in tests.</summary>
public sealed record CommandConsole(TextReader In, bool InIsRedirected, TextWriter Out, TextWriter Error)
{
    public static CommandConsole System => new(Console.In, Console.IsInputRedirected, Console.Out, Console.Error);
}

/// <summary>
/// <c>dotnet run --project CasesDashboard -- users create --email E --role R [--name N]</c>: applies the migrations, creates a
/// user (the first admin of a real install) and exits. The password is the first line of standard input when one is
/// piped in, otherwise a generated one that is printed once.
/// </summary>
public static class UsersCommand
{
    private const string Usage = """
        Usage: users create --email EMAIL --role Admin|Lead|Analyst|Viewer [--name "Display name"]
          The password is the first line of standard input when one is piped in (echo "$PASSWORD" | ...);
          otherwise one is generated and printed once.
        """;

    /// <summary>With the app's own configuration (appsettings*.json, environment variables such as ConnectionStrings__Cases).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCasesStore();
        builder.AddCasesFeatures();
        builder.Services.AddAuthentication(); // Identity's sign-in services, registered with the store, need it to be built
        await using var app = builder.Build();
        return await RunAsync(args, app.Services, CommandConsole.System);
    }

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, CommandConsole console)
    {
        if (Parse(args) is not { } request)
        {
            console.Error.WriteLine(Usage);
            return 2;
        }
        await StoreStartup.MigrateAsync(services);

        var given = console.InIsRedirected ? (await console.In.ReadLineAsync())?.TrimEnd('\r') : null;
        var password = string.IsNullOrEmpty(given) ? UserAccounts.GeneratePassword() : given;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(request with { Password = password });
            console.Out.WriteLine($"Created {user.Email} ({string.Join(", ", user.Roles)}), shown as {user.DisplayName}.");
            if (password != given)
                console.Out.WriteLine($"Password (shown only now; keep it somewhere safe): {password}");
            return 0;
        }
        catch (ValidationException e)
        {
            foreach (var problem in e.Problems) console.Error.WriteLine($"Refused: {problem.Message}");
            return 1;
        }
    }

    private static NewUser? Parse(string[] args)
    {
        if (args is not ["create", .. var options] || options.Length % 2 != 0) return null;
        string? email = null, role = null, name = null;
        for (var i = 0; i < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--email": email = options[i + 1]; break;
                case "--role": role = options[i + 1]; break;
                case "--name": name = options[i + 1]; break;
                default: return null;
            }
        }
        return email is null || role is null ? null : new NewUser(email, name, [role], "");
    }
}
