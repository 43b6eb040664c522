using System.Text.Json;
using Bogus;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Data.Seed;

/// <summary>A believable value for a template field, from a seeded faker; dates are relative to <c>anchor</c>, never the machine's clock.</summary>
public static class FieldSamples
{
    private static readonly string[] Currencies = ["USD", "EUR", "GBP", "MXN"];
    private static readonly string[] Notes =
    [
        "Checked the account history: no earlier flags on this driver.",
        "Documents re-uploaded; the new scan is legible.",
        "Called the driver on the registered number; details confirmed.",
        "Payout pattern is consistent with trip earnings over the last 30 days.",
    ];

    /// <param name="filled">A checkbox that must count as filled (a required-to-resolve one) is ticked.</param>
    public static JsonElement Value(Faker f, FieldDefinition field, DateTime anchor, bool filled = false) => JsonSerializer.SerializeToElement<object>(field.Type switch
    {
        FieldType.Text => f.Random.Replace("??-#######").ToUpperInvariant(),
        FieldType.LongText => f.PickRandom(Notes),
        FieldType.Number => f.Random.Int(1, 99),
        FieldType.Money => new { amount = Math.Round(f.Random.Decimal(20, 6000), 2), currency = f.PickRandom(Currencies) },
        FieldType.Date => DateOnly.FromDateTime(f.Date.Between(anchor.AddYears(-2), anchor.AddYears(3))).ToString("yyyy-MM-dd"),
        FieldType.Select => f.PickRandom(field.Options),
        FieldType.MultiSelect => f.PickRandom(field.Options, f.Random.Int(1, Math.Min(2, field.Options.Count))).ToArray(),
        FieldType.Checkbox => filled || f.Random.Bool(0.6f),
        _ => new[] { $"trp_{f.Random.Int(1000, 9999)}", $"trp_{f.Random.Int(1000, 9999)}" },
    });
}
