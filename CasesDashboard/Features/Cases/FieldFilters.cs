using System.Globalization;
using System.Text.Json;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// How the grid filters on a template field: text, select and date fields by equal value, numbers as numbers, checkboxes by
/// yes / no, multi-selects by one chosen option. Money, long text and JSON fields are not filtered on. The comparison itself is
/// the API's (<see cref="CaseConditions"/>: <c>json_extract</c> on SQLite, the same functions on PostgreSQL).
/// </summary>
public static class FieldFilters
{
    public static bool IsFilterable(FieldDefinition field) =>
        field.Type is FieldType.Text or FieldType.Select or FieldType.Date or FieldType.Number or FieldType.Checkbox or FieldType.MultiSelect;

    /// <summary>The field <paramref name="key"/> of the chosen template, or of any visible template when none is chosen.</summary>
    public static FieldDefinition? Find(IEnumerable<TemplateSummary> visible, string? template, string key) =>
        visible.Where(t => template is null || t.Key == template).SelectMany(t => t.Definition.Fields)
            .FirstOrDefault(f => f.Key == key && IsFilterable(f));

    /// <summary>The condition "field = value", or null when the value cannot be one of this field's.</summary>
    public static Condition? Condition(FieldDefinition field, string value)
    {
        var v = value.Trim();
        JsonElement? json = field.Type switch
        {
            FieldType.Number => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? Json(n) : null,
            FieldType.Checkbox => v.ToLowerInvariant() switch { "yes" or "true" => Json(true), "no" or "false" => Json(false), _ => null },
            FieldType.Select or FieldType.MultiSelect => field.Options.Contains(v) ? Json(v) : null,
            FieldType.Date => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? Json(v) : null,
            _ => v.Length > 0 ? Json(v) : null,
        };
        return json is { } j ? new Condition($"fields.{field.Key}", field.Type == FieldType.MultiSelect ? "contains" : "eq", j, "filter") : null;
    }

    /// <summary>What values the field takes, for a notice about one it cannot.</summary>
    public static string WhyNot(FieldDefinition field) => field.Type switch
    {
        FieldType.Number => "not a number",
        FieldType.Checkbox => "use yes or no",
        FieldType.Select or FieldType.MultiSelect => $"not one of {string.Join(", ", field.Options)}",
        FieldType.Date => "not a date (yyyy-mm-dd)",
        _ => "empty",
    };

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}
