using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Data;

/// <summary>
/// A case field value inside <c>FieldsJson</c>, for queries over template fields (the API's <c>fields.*</c> search). SQLite's
/// <c>json_extract</c>; on PostgreSQL this maps to <c>jsonb_extract_path_text</c> (issue 12). Only usable inside queries.
/// </summary>
public static class FieldSql
{
    /// <summary>The value at <paramref name="path"/> (<c>$."key"</c>) as text: a string as itself, an array or object as JSON.</summary>
    public static string? Text(string json, string path) => throw new InvalidOperationException("Only for use in queries.");

    /// <summary>The value at <paramref name="path"/> as a number (true is 1, false is 0).</summary>
    public static double? Number(string json, string path) => throw new InvalidOperationException("Only for use in queries.");

    public static string PathOf(string fieldKey) => "$.\"" + fieldKey + "\"";

    internal static void Register(ModelBuilder builder)
    {
        builder.HasDbFunction(typeof(FieldSql).GetMethod(nameof(Text))!).HasName("json_extract").IsBuiltIn();
        builder.HasDbFunction(typeof(FieldSql).GetMethod(nameof(Number))!).HasName("json_extract").IsBuiltIn();
    }
}
