using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CasesDashboard.Data;

/// <summary>
/// Inserts many rows of one entity type with one prepared INSERT in the context's current transaction, reading table,
/// columns, value converters and discriminators from the EF model (so it follows the mapping, and quotes identifiers
/// the provider's way). A store-generated key left at its default is read back with RETURNING and set on the row.
/// For bulk imports only: rows are not tracked, and no SaveChanges logic (fix-up, cascades) runs.
/// </summary>
public static class BulkWriter
{
    public static async Task InsertAsync<T>(CasesDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkWriter runs inside a write transaction (CasesStore.WriteAsync).");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entity.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } generated] ? generated : null;
        var discriminator = entity.FindDiscriminatorProperty();

        await using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var bound = new List<(IProperty Property, DbParameter Parameter, bool IsKey)>();
        foreach (var p in columns)
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = $"@p{bound.Count}";
            insert.Parameters.Add(parameter);
            bound.Add((p, parameter, p == key));
        }
        var withKey = BuildSql(sql, table, bound, includeKey: true);
        var withoutKey = key is null ? withKey : BuildSql(sql, table, bound, includeKey: false) + $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";

        foreach (var row in rows)
        {
            var readKey = key is not null && IsDefault(key.PropertyInfo!.GetValue(row));
            insert.CommandText = readKey ? withoutKey : withKey;
            foreach (var (p, parameter, isKey) in bound)
            {
                if (isKey && readKey) { parameter.Value = DBNull.Value; continue; }
                var value = p == discriminator ? entity.GetDiscriminatorValue() : p.PropertyInfo!.GetValue(row);
                var converter = p.GetTypeMapping().Converter;
                parameter.Value = (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
            }
            if (readKey)
                key!.PropertyInfo!.SetValue(row, Convert.ChangeType(await insert.ExecuteScalarAsync(ct), key.ClrType));
            else
                await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private static string BuildSql(ISqlGenerationHelper sql, StoreObjectIdentifier table, List<(IProperty Property, DbParameter Parameter, bool IsKey)> bound, bool includeKey)
    {
        var used = bound.Where(b => includeKey || !b.IsKey).ToList();
        return $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", used.Select(b => sql.DelimitIdentifier(b.Property.GetColumnName(table)!)))}) " +
               $"VALUES ({string.Join(", ", used.Select(b => b.Parameter.ParameterName))})";
    }

    private static bool IsDefault(object? value) => value is null or 0 or 0L;
}
