using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Data;

/// <summary>
/// A case field value inside <c>FieldsJson</c>, for queries over template fields (the API's <c>fields.*</c> search). SQLite's
/// <c>json_extract</c>; on PostgreSQL the functions <c>cases_field_text</c> / <c>cases_field_number</c> that its migrations
/// create (<see cref="PostgresFunctions"/>), with the same results. Only usable inside queries.
/// </summary>
public static class FieldSql
{
    /// <summary>The value at <paramref name="path"/> (<c>$."key"</c>) as text: a string as itself, an array or object as JSON.</summary>
    public static string? Text(string json, string path) => throw new InvalidOperationException("Only for use in queries.");

    /// <summary>The value at <paramref name="path"/> as a number (true is 1, false is 0).</summary>
    public static double? Number(string json, string path) => throw new InvalidOperationException("Only for use in queries.");

    public static string PathOf(string fieldKey) => "$.\"" + fieldKey + "\"";

    /// <summary>
    /// The value at a JSON path into a document (external data): <c>$.risk.score</c>, <c>$.hits[0]."rule id"</c> — the common
    /// subset of SQLite's <c>json_extract</c> paths and PostgreSQL's jsonpath (<see cref="IsPortablePath"/>); text as <see cref="Text"/>.
    /// </summary>
    public static string? PathText(string json, string path) => throw new InvalidOperationException("Only for use in queries.");

    /// <summary>The value at a JSON path as a number (true is 1, false is 0).</summary>
    public static double? PathNumber(string json, string path) => throw new InvalidOperationException("Only for use in queries.");

    private static readonly System.Text.RegularExpressions.Regex Portable =
        new(@"^\$(\.[A-Za-z_][A-Za-z0-9_]*|\.""[^""\\]+""|\[[0-9]{1,6}\])+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Whether both stores read <paramref name="path"/> alike: <c>$</c> then <c>.name</c>, <c>."any name"</c> or <c>[index]</c> steps.</summary>
    public static bool IsPortablePath(string path) => path.Length <= 500 && Portable.IsMatch(path);

    internal static void Register(ModelBuilder builder, bool postgres)
    {
        builder.HasDbFunction(typeof(FieldSql).GetMethod(nameof(Text))!).HasName(postgres ? "cases_field_text" : "json_extract").IsBuiltIn();
        builder.HasDbFunction(typeof(FieldSql).GetMethod(nameof(Number))!).HasName(postgres ? "cases_field_number" : "json_extract").IsBuiltIn();
        builder.HasDbFunction(typeof(FieldSql).GetMethod(nameof(PathText))!).HasName(postgres ? "cases_json_path_text" : "json_extract").IsBuiltIn();
        builder.HasDbFunction(typeof(FieldSql).GetMethod(nameof(PathNumber))!).HasName(postgres ? "cases_json_path_number" : "json_extract").IsBuiltIn();
    }

    /// <summary>
    /// PostgreSQL versions of <c>json_extract(doc, path)</c> for any <see cref="IsPortablePath"/> path (jsonpath, lax: a missing
    /// member is NULL), typed as <see cref="PostgresFunctions"/> types them. Created by the ExternalDataConditions migration.
    /// </summary>
    public const string PostgresPathFunctions = """
        CREATE OR REPLACE FUNCTION cases_json_path_value(doc text, path text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
        $$ SELECT jsonb_path_query_first(doc::jsonb, path::jsonpath) $$;
        CREATE OR REPLACE FUNCTION cases_json_path_text(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS
        $$ SELECT CASE jsonb_typeof(v) WHEN 'string' THEN v #>> '{}' WHEN 'null' THEN NULL ELSE v::text END
           FROM (SELECT cases_json_path_value(doc, path) AS v) x $$;
        CREATE OR REPLACE FUNCTION cases_json_path_number(doc text, path text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
        $$ SELECT CASE jsonb_typeof(v) WHEN 'number' THEN (v #>> '{}')::double precision
                                       WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN 1 ELSE 0 END END
           FROM (SELECT cases_json_path_value(doc, path) AS v) x $$;
        """;

    /// <summary>
    /// PostgreSQL versions of SQLite's <c>json_extract(doc, '$."key"')</c> for the one path form <see cref="PathOf"/> makes:
    /// a string as itself, a number or boolean as a number (true 1, false 0) or its text, an array or object as JSON, null as NULL.
    /// </summary>
    public const string PostgresFunctions = """
        CREATE OR REPLACE FUNCTION cases_field_value(doc text, path text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
        $$ SELECT (doc::jsonb) -> substr(path, 4, length(path) - 4) $$;
        CREATE OR REPLACE FUNCTION cases_field_text(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS
        $$ SELECT CASE jsonb_typeof(v) WHEN 'string' THEN v #>> '{}' WHEN 'null' THEN NULL ELSE v::text END
           FROM (SELECT cases_field_value(doc, path) AS v) x $$;
        CREATE OR REPLACE FUNCTION cases_field_number(doc text, path text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
        $$ SELECT CASE jsonb_typeof(v) WHEN 'number' THEN (v #>> '{}')::double precision
                                       WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN 1 ELSE 0 END END
           FROM (SELECT cases_field_value(doc, path) AS v) x $$;
        """;
}
