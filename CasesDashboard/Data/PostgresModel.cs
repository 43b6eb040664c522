using CasesDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Data;

/// <summary>What the model adds on PostgreSQL only.</summary>
internal static class PostgresModel
{
    /// <summary>The writing transaction's id on every audit row, filled by the database, indexed with the id for the event log.</summary>
    public const string CurrentTransaction = "pg_current_xact_id()::text::bigint";

    public static void Apply(ModelBuilder builder)
    {
        var audit = builder.Entity<AuditEvent>();
        audit.Property(e => e.TxId).HasDefaultValueSql(CurrentTransaction).ValueGeneratedOnAdd();
        audit.HasIndex(e => new { e.TxId, e.Id });
    }
}
