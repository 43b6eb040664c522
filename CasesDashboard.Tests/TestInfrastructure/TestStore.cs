using CasesDashboard.Data;
using CasesDashboard.Data.Seed;
using CasesDashboard.Features;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>
/// The product's real services over a real database, migrations applied, a fake clock, and five users, one per role (two
/// analysts). SQLite: held in memory (a shared-cache database kept alive by one open connection). PostgreSQL: a fresh database
/// of its own on the test run's server (<see cref="PostgresServer"/>), dropped afterwards.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string Password = "Test-pass-123!";
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly SqliteConnection? keepAlive;
    public StoreConnection Connection { get; }
    public FakeTimeProvider Clock { get; } = new(Start);
    public ServiceProvider Services { get; }

    public Actor Admin { get; private set; } = default!;
    public Actor Lead { get; private set; } = default!;
    public Actor Analyst { get; private set; } = default!;
    public Actor OtherAnalyst { get; private set; } = default!;
    public Actor Viewer { get; private set; } = default!;

    private TestStore(StoreConnection connection, Dictionary<string, string?>? settings, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        Connection = connection;
        if (!connection.IsPostgres)
        {
            keepAlive = new SqliteConnection(connection.ConnectionString);
            keepAlive.Open();
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddCasesStore(connection, interceptors);
        services.AddCasesFeatures(configuration);
        Services = services.BuildServiceProvider();
    }

    /// <summary>The services over a database that has no tables yet (for code that migrates it itself).</summary>
    public static TestStore CreateEmpty() =>
        new(new StoreConnection(StoreProvider.Sqlite, $"Data Source=test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared"), null, []);

    public static Task<TestStore> CreateAsync(Dictionary<string, string?>? settings = null, bool withTemplate = true,
        params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors) =>
        OnAsync(StoreProvider.Sqlite, settings, withTemplate, interceptors);

    /// <summary>A store on <paramref name="provider"/>; on PostgreSQL, skipped (outside CI) when the server cannot be had.</summary>
    public static async Task<TestStore> OnAsync(StoreProvider provider, Dictionary<string, string?>? settings = null, bool withTemplate = true,
        params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        Skip.If(provider == StoreProvider.Postgres && PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        var connection = provider == StoreProvider.Postgres
            ? new StoreConnection(provider, await PostgresServer.NewDatabaseAsync())
            : new StoreConnection(provider, $"Data Source=test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        var store = new TestStore(connection, settings, interceptors);
        await using (var db = await store.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();
        await store.AddUsersAsync();
        if (withTemplate) await store.Templates.ImportAsync(TestTemplates.Review(), Actor.System("test"));
        return store;
    }

    public CaseService Cases => Services.GetRequiredService<CaseService>();
    public CaseQuery Query => Services.GetRequiredService<CaseQuery>();
    public TemplateService Templates => Services.GetRequiredService<TemplateService>();
    public ObjectService Objects => Services.GetRequiredService<ObjectService>();
    public UserDirectory Users => Services.GetRequiredService<UserDirectory>();
    public CaseEvents Events => Services.GetRequiredService<CaseEvents>();
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<CasesDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();

    /// <summary>A new case of the test template, optionally assigned (by a lead) to <paramref name="assignee"/>.</summary>
    public async Task<string> NewCaseAsync(Actor? assignee = null, NewCase? request = null)
    {
        var id = await Cases.CreateAsync(request ?? new NewCase(TestTemplates.Key), Lead);
        if (assignee is not null) await Cases.AssignAsync(id, assignee.Id, 1, Lead);
        return id;
    }

    public async Task<long> VersionOfAsync(string caseId) => (await Query.GetAsync(caseId, Admin)).Version;

    private async Task AddUsersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserImporter>().ImportAsync(
        [
            new("admin@test.local", "Ada Admin", [Roles.Admin]),
            new("lead@test.local", "Lee Lead", [Roles.Lead]),
            new("analyst@test.local", "Sam Analyst", [Roles.Analyst]),
            new("other@test.local", "Ana Other", [Roles.Analyst]),
            new("viewer@test.local", "Vic Viewer", [Roles.Viewer]),
        ], Password);
        var all = await Users.AllAsync();
        Actor Of(string email)
        {
            var u = all.Single(x => x.Email == email);
            return Actor.User(u.Id, u.DisplayName, [.. u.Roles]);
        }
        (Admin, Lead, Analyst, OtherAnalyst, Viewer) =
            (Of("admin@test.local"), Of("lead@test.local"), Of("analyst@test.local"), Of("other@test.local"), Of("viewer@test.local"));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (keepAlive is not null) await keepAlive.DisposeAsync();
        if (Connection.IsPostgres) await PostgresServer.DropDatabaseAsync(Connection.ConnectionString);
    }
}
