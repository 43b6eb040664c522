using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Analytics;

/// <summary>
/// Time arithmetic inside queries, so durations are computed, sorted and counted by the database: a time as a (fractional)
/// Julian day — SQLite's built-in <c>julianday</c>, on PostgreSQL the <c>cases_julianday</c> function its migration creates.
/// </summary>
public static class AnalyticsSql
{
    public static double Day(DateTime utc) => throw new InvalidOperationException("Only for use in queries.");

    public const string PostgresFunction = """
        CREATE OR REPLACE FUNCTION cases_julianday(t timestamp with time zone) RETURNS double precision LANGUAGE sql IMMUTABLE AS
        $$ SELECT extract(epoch FROM t) / 86400.0 + 2440587.5 $$;
        """;

    internal static void Register(ModelBuilder builder, bool postgres) =>
        builder.HasDbFunction(typeof(AnalyticsSql).GetMethod(nameof(Day))!).HasName(postgres ? "cases_julianday" : "julianday").IsBuiltIn();
}
