using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CasesDashboard.Data;

/// <summary>
/// The SQLite-specific connection settings, in one place: WAL (readers never wait for the writer),
/// a busy timeout, foreign keys, synchronous=NORMAL (safe with WAL) and a larger page cache.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Sql =
        "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; " +
        "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    public static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }
}
