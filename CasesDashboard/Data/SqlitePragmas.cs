using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CasesDashboard.Data;

/// <summary>
/// The SQLite-specific connection settings, in one place: WAL (readers never wait for the writer),
/// a busy timeout, foreign keys, synchronous=NORMAL (safe with WAL) and a larger page cache.
/// They belong to the underlying SQLite connection, which Microsoft.Data.Sqlite pools and hands to one context after
/// another, so they are applied once per underlying connection, not at every open (that cost a quarter of a short write).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Sql =
        "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; " +
        "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";

    /// <summary>The underlying connections (SQLitePCL handles) already set up.</summary>
    private static readonly ConditionalWeakTable<object, object> Applied = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    public static void Apply(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && Applied.TryGetValue(handle, out _)) return;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = Sql;
            cmd.ExecuteNonQuery();
        }
        if (handle is not null) Applied.AddOrUpdate(handle, Applied);
    }
}
