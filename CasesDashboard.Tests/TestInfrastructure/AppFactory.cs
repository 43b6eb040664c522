using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>
/// The real app (Program) on a fresh temporary SQLite file, seeded from seed-data/ with a few generated cases.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-pass-2026!";
    private readonly string folder = Directory.CreateTempSubdirectory("cases-web-").FullName;

    /// <summary>What the app logged (information and above).</summary>
    public TestLogs Logs { get; } = new();

    protected virtual string Environment => "Production";

    /// <summary>Set on top of appsettings*.json: by default the demo users (explicitly, as an operator would) and 20 generated cases.</summary>
    protected virtual Dictionary<string, string?> Settings => new() { ["Seed:DemoPassword"] = DemoPassword, ["Seed:DemoCases"] = "20" };

    /// <summary>The store the app runs on: a temporary SQLite file, or a fresh database on the test run's PostgreSQL server.</summary>
    protected virtual CasesDashboard.Data.StoreProvider Provider => CasesDashboard.Data.StoreProvider.Sqlite;
    private string? postgresDatabase;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        if (Provider == CasesDashboard.Data.StoreProvider.Postgres)
        {
            Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
            postgresDatabase = PostgresServer.NewDatabaseAsync().GetAwaiter().GetResult();
            builder.UseSetting("Store:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Cases", postgresDatabase);
        }
        else builder.UseSetting("ConnectionStrings:Cases", $"Data Source={Path.Combine(folder, "cases.db")}");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>A client that shows redirects instead of following them; by default it keeps cookies, as a browser does.</summary>
    public HttpClient NewClient(string baseAddress = "http://localhost", bool cookies = true) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies, BaseAddress = new Uri(baseAddress) });

    /// <summary>Signs in through the real sign-in form (antiforgery token included) and returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = DemoPassword, string? returnUrl = null)
    {
        var login = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var token = AntiforgeryToken(await client.GetStringAsync(login));
        return await client.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    /// <summary>The antiforgery token of the (first) form on a page.</summary>
    public static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = NewClient();
        var response = await SignInAsync(client, email);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} failed: {response.StatusCode}");
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null) await PostgresServer.DropDatabaseAsync(postgresDatabase);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
