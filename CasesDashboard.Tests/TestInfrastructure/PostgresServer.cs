using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run, started once on first use from Debian's <c>postgresql</c> package: initdb into
/// a temporary folder, <c>pg_ctl</c> on a free loopback port (as the <c>postgres</c> user when the tests run as root), stopped
/// when the test process exits. A migrated template database makes each test's fresh database a quick copy.
/// Where the package is missing, tests on PostgreSQL fail under CI (<c>CI=true</c>) and are skipped, loudly, elsewhere.
/// </summary>
public static class PostgresServer
{
    private const string Template = "cases_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? adminConnection;
    private static string? failure;

    public static string? BinDirectory { get; } = FindBinaries();

    /// <summary>A connection string to a new, migrated, empty database of its own.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var admin = await StartAsync();
        var name = $"t_{Guid.NewGuid():N}";
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {Template} STRATEGY FILE_COPY", c);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 40 }.ToString();
    }

    /// <summary>A connection string to database <paramref name="name"/> on the server (which the caller creates, e.g. the bench).</summary>
    public static async Task<string> ConnectionStringForAsync(string name) =>
        new NpgsqlConnectionStringBuilder(await StartAsync()) { Database = name, Pooling = true }.ToString();

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(adminConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The server's oldest open write transaction (which holds the event log's readable end back), for a timeout's message.</summary>
    public static async Task<string> OldestWriterAsync()
    {
        await using var c = new NpgsqlConnection(adminConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT coalesce(max(datname || ' open ' || (now() - xact_start)::text || ': ' || left(query, 120)), 'no open write transaction')
            FROM (SELECT * FROM pg_stat_activity WHERE backend_xid IS NOT NULL ORDER BY xact_start LIMIT 1) oldest
            """, c);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Why PostgreSQL tests cannot run here, or null. Under CI a missing server is a failure, not a skip.</summary>
    public static string? Unavailable =>
        BinDirectory is not null || Environment.GetEnvironmentVariable("CI") == "true" ? null
        : "PostgreSQL is not installed (Debian: apt-get install postgresql): the PostgreSQL half of the store tests is SKIPPED.";

    private static async Task<string> StartAsync()
    {
        if (adminConnection is not null) return adminConnection;
        await Gate.WaitAsync();
        try
        {
            if (failure is not null) throw new InvalidOperationException(failure);
            if (adminConnection is not null) return adminConnection;
            var bin = BinDirectory ?? throw new InvalidOperationException(failure = "PostgreSQL binaries (initdb, pg_ctl) were not found; install Debian's postgresql package.");
            var folder = Directory.CreateTempSubdirectory("cases-pg-").FullName;
            var data = Path.Combine(folder, "data");
            var port = FreePort();
            var asRoot = Environment.UserName == "root";
            if (asRoot) Run("chown", $"-R postgres:postgres {folder}");
            Run(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust --encoding=UTF8 --no-sync", asRoot);
            Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -l {folder}/server.log -w -t 60 -o \"-p {port} -k {folder} -c listen_addresses=127.0.0.1 " +
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=128MB\" start", asRoot);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop", asRoot); Directory.Delete(folder, true); } catch { }
            };
            var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
            await using (var c = new NpgsqlConnection(admin))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {Template}", c);
                await cmd.ExecuteNonQueryAsync();
            }
            var options = new DbContextOptionsBuilder<CasesDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(admin) { Database = Template }.ToString()).Options;
            await using (var db = new PostgresCasesDbContext(options)) await db.Database.MigrateAsync();
            NpgsqlConnection.ClearAllPools();
            return adminConnection = admin;
        }
        catch (Exception e) when (failure is null)
        {
            failure = $"Could not start a PostgreSQL server for the tests: {e.Message}";
            throw;
        }
        finally { Gate.Release(); }
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static void Run(string file, string args, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {args}")
            : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(); throw new InvalidOperationException($"{file} timed out"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed ({p.ExitCode}): {error.Result} {output.Result}");
    }
}
