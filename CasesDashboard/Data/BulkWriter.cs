using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CasesDashboard.Data;

/// <summary>
/// Inserts many rows of one entity type in the context's current transaction, reading table, columns, value converters and
/// discriminators from the EF model (so it follows the mapping and quotes identifiers the provider's way). SQLite: one
/// prepared INSERT, a store-generated key left at its default read back with RETURNING. PostgreSQL: binary <c>COPY</c>, the
/// generated keys drawn from the key's sequence first. Columns the database fills itself (a default SQL) are left to it.
/// For bulk imports only: rows are not tracked, and no SaveChanges logic (fix-up, cascades) runs.
/// </summary>
public static partial class BulkWriter
{
    private sealed record Column(IProperty Property, string Name, string StoreType);

    public static async Task InsertAsync<T>(CasesDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkWriter runs inside a write transaction (CasesStore.WriteAsync).");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated] ? generated : null;
        var columns = entity.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && p.GetDefaultValueSql() is null)
            .Select(p => new Column(p, p.GetColumnName(table)!, p.GetRelationalTypeMapping().StoreType)).ToList();
        object? ValueOf(Column c, T row)
        {
            var value = c.Property == entity.FindDiscriminatorProperty() ? entity.GetDiscriminatorValue() : c.Property.PropertyInfo!.GetValue(row);
            var converter = c.Property.GetTypeMapping().Converter;
            return converter is null || value is null ? value : converter.ConvertToProvider(value);
        }

        if (transaction is NpgsqlTransaction pg)
            await CopyAsync(pg, sql.DelimitIdentifier(table.Name, table.Schema), sql, columns, key, rows, ValueOf, ct);
        else
            await InsertEachAsync(transaction, sql.DelimitIdentifier(table.Name, table.Schema), sql, columns, key, rows, ValueOf, ct);
    }

    private static async Task InsertEachAsync<T>(DbTransaction transaction, string table, ISqlGenerationHelper sql, List<Column> columns, IProperty? key,
        IReadOnlyCollection<T> rows, Func<Column, T, object?> valueOf, CancellationToken ct)
    {
        await using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        var bound = columns.Select((c, i) => (Column: c, Parameter: Add(insert, $"@p{i}"))).ToList();
        string Sql(bool withKey)
        {
            var used = bound.Where(b => withKey || b.Column.Property != key).ToList();
            return $"INSERT INTO {table} ({string.Join(", ", used.Select(b => sql.DelimitIdentifier(b.Column.Name)))}) " +
                   $"VALUES ({string.Join(", ", used.Select(b => b.Parameter.ParameterName))})";
        }
        var withKey = Sql(true);
        var readingKey = key is null ? withKey : $"{Sql(false)} RETURNING {sql.DelimitIdentifier(key.GetColumnName())}";

        foreach (var row in rows)
        {
            var readKey = key is not null && IsDefault(key.PropertyInfo!.GetValue(row));
            insert.CommandText = readKey ? readingKey : withKey;
            foreach (var (column, parameter) in bound)
                parameter.Value = readKey && column.Property == key ? DBNull.Value : valueOf(column, row) ?? DBNull.Value;
            if (readKey)
                key!.PropertyInfo!.SetValue(row, Convert.ChangeType(await insert.ExecuteScalarAsync(ct), key.ClrType));
            else
                await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlTransaction transaction, string table, ISqlGenerationHelper sql, List<Column> columns, IProperty? key,
        IReadOnlyCollection<T> rows, Func<Column, T, object?> valueOf, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        if (key is not null)
        {
            var missing = rows.Where(r => IsDefault(key.PropertyInfo!.GetValue(r))).ToList();
            if (missing.Count > 0)
            {
                await using var ids = new NpgsqlCommand(
                    $"SELECT nextval(pg_get_serial_sequence('{table.Replace("'", "''")}', '{key.GetColumnName()}')) FROM generate_series(1, {missing.Count})",
                    connection, transaction);
                await using var reader = await ids.ExecuteReaderAsync(ct);
                foreach (var row in missing)
                {
                    await reader.ReadAsync(ct);
                    key.PropertyInfo!.SetValue(row, Convert.ChangeType(reader.GetInt64(0), key.ClrType));
                }
            }
        }
        var types = columns.Select(c => Facets().Replace(c.StoreType, "")).ToList();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (valueOf(columns[i], row) is { } value) await writer.WriteAsync(value, types[i], ct);
                else await writer.WriteNullAsync(ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }

    /// <summary>Length and precision facets ("character varying(32)" → "character varying"): COPY names the base type.</summary>
    [GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial Regex Facets();

    private static bool IsDefault(object? value) => value is null or 0 or 0L;
}
