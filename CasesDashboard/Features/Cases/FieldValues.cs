using System.Globalization;
using System.Text.Json;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>The rules for a field value of each type: what is valid, what counts as filled, how it reads.</summary>
public static class FieldValues
{
    public const int MaxTextLength = 20_000;

    /// <summary>Null when <paramref name="value"/> fits <paramref name="field"/>; otherwise why not.</summary>
    public static string? Validate(FieldDefinition field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        return field.Type switch
        {
            FieldType.Text or FieldType.LongText => value.ValueKind != JsonValueKind.String ? "must be text."
                : value.GetString()!.Length > MaxTextLength ? $"must be at most {MaxTextLength} characters." : null,
            FieldType.Number => value.ValueKind == JsonValueKind.Number ? null : "must be a number.",
            FieldType.Money => IsMoney(value) ? null : "must be {\"amount\": number, \"currency\": \"ISO code\"}.",
            FieldType.Date => value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null : "must be a date (yyyy-MM-dd).",
            FieldType.Select => value.ValueKind == JsonValueKind.String && field.Options.Contains(value.GetString()!)
                ? null : $"must be one of: {string.Join(", ", field.Options)}.",
            FieldType.MultiSelect => value.ValueKind == JsonValueKind.Array
                && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String && field.Options.Contains(v.GetString()!))
                ? null : $"must be a list of: {string.Join(", ", field.Options)}.",
            FieldType.Checkbox => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false.",
            _ => null,
        };
    }

    private static bool IsMoney(JsonElement v) =>
        v.ValueKind == JsonValueKind.Object
        && v.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Number
        && v.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String && c.GetString()!.Length == 3;

    /// <summary>Filled for a required-to-resolve check: not empty text, not an empty list, a ticked checkbox.</summary>
    public static bool IsFilled(JsonElement? value) => value is { } v && v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => false,
        JsonValueKind.String => !string.IsNullOrWhiteSpace(v.GetString()),
        JsonValueKind.Array => v.GetArrayLength() > 0,
        _ => true,
    };

    /// <summary>The value as a person reads it (plain text; the UI renders it as text, never markup).</summary>
    public static string Display(FieldDefinition field, JsonElement? value)
    {
        if (value is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return "—";
        return field.Type switch
        {
            FieldType.Checkbox => v.ValueKind == JsonValueKind.True ? "Yes" : "No",
            FieldType.MultiSelect when v.ValueKind == JsonValueKind.Array => string.Join(", ", v.EnumerateArray().Select(e => e.ToString())),
            FieldType.Money when IsMoney(v) => $"{v.GetProperty("amount").GetDecimal().ToString("N2", CultureInfo.InvariantCulture)} {v.GetProperty("currency").GetString()}",
            FieldType.Number when v.ValueKind == JsonValueKind.Number => v.GetDecimal().ToString(CultureInfo.InvariantCulture),
            FieldType.Json => JsonSerializer.Serialize(v, Common.Json.Indented),
            _ => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText(),
        };
    }

    public static string? Raw(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } v ? v.GetRawText() : null;
}
