using System.Globalization;
using System.Text.Json;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;

namespace CasesDashboard.Features.Automations;

/// <summary>
/// The condition of an object trigger (an inquiry declined, a report with matches, a transaction over an amount): the same
/// condition tree and parser as case conditions, with leaves over the object's typed attributes, tested on the one object
/// the event is about. Unknown attributes and operators are refused on save, each at its path.
/// </summary>
public static class ObjectConditions
{
    public static readonly IReadOnlyList<string> Attributes =
        ["kind", "status", "reference_id", "amount", "currency", "transaction_type", "report_type", "match_count"];
    private static readonly string[] Operators = ["eq", "not_eq", "in", "not_in", "gt", "gte", "lt", "lte"];

    public static void Validate(CasePredicate predicate)
    {
        switch (predicate)
        {
            case AllOf a: a.Items.ToList().ForEach(Validate); break;
            case AnyOf a: a.Items.ToList().ForEach(Validate); break;
            case NotOf n: Validate(n.Inner); break;
            case Condition c:
                if (!Attributes.Contains(c.Attribute))
                    throw new MalformedInputException($"{c.Path}.attribute", $"'{c.Attribute}' is not an object attribute; use one of {string.Join(", ", Attributes)}.");
                if (c.JsonPath is not null)
                    throw new MalformedInputException($"{c.Path}.json_path", "An object condition has no external data: no json_path.");
                if (c.Quantifier is not null)
                    throw new MalformedInputException($"{c.Path}.quantifier", "An object condition tests the one object: no quantifier.");
                if (!Operators.Contains(c.Operator))
                    throw new MalformedInputException($"{c.Path}.operator", $"'{c.Operator}' is not an operator here; use {string.Join(", ", Operators)}.");
                if (c.Operator is "in" or "not_in" && c.Value.ValueKind != JsonValueKind.Array)
                    throw new MalformedInputException($"{c.Path}.value", $"{c.Operator} takes a list of values.");
                break;
        }
    }

    public static bool Matches(CasePredicate? predicate, CaseObject o) => predicate switch
    {
        null => true,
        AllOf a => a.Items.All(i => Matches(i, o)),
        AnyOf a => a.Items.Any(i => Matches(i, o)),
        NotOf n => !Matches(n.Inner, o),
        Condition c => Leaf(c, o),
        _ => false,
    };

    /// <summary>The first top-level part the object fails.</summary>
    public static string Explain(CasePredicate predicate, CaseObject o) =>
        RuleConditions.Describe(predicate is AllOf all ? all.Items.FirstOrDefault(i => !Matches(i, o)) ?? predicate : predicate);

    private static object? Value(string attribute, CaseObject o) => attribute switch
    {
        "kind" => o.Kind.ToString().ToLowerInvariant(),
        "status" => o.Status,
        "reference_id" => o.ReferenceId,
        "amount" => (o as Transaction)?.Amount,
        "currency" => (o as Transaction)?.Currency,
        "transaction_type" => (o as Transaction)?.TransactionType,
        "report_type" => (o as Report)?.ReportType,
        "match_count" => (o as Report)?.MatchCount is { } n ? (decimal)n : null,
        _ => null,
    };

    /// <summary>An attribute the object does not have (a report's amount) is null: equal to null only, never greater or smaller.</summary>
    private static bool Leaf(Condition c, CaseObject o)
    {
        var actual = Value(c.Attribute, o);
        return c.Operator switch
        {
            "eq" => Equal(actual, c.Value),
            "not_eq" => !Equal(actual, c.Value),
            "in" => c.Value.EnumerateArray().Any(v => Equal(actual, v)),
            "not_in" => !c.Value.EnumerateArray().Any(v => Equal(actual, v)),
            _ => Compare(actual, c.Value) is { } cmp && c.Operator switch
            {
                "gt" => cmp > 0, "gte" => cmp >= 0, "lt" => cmp < 0, _ => cmp <= 0,
            },
        };
    }

    private static bool Equal(object? actual, JsonElement v) => (actual, v.ValueKind) switch
    {
        (null, JsonValueKind.Null) => true,
        (null, _) => false,
        (decimal d, JsonValueKind.Number) => d == v.GetDecimal(),
        (string s, JsonValueKind.String) => string.Equals(s, v.GetString(), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static int? Compare(object? actual, JsonElement v) => (actual, v.ValueKind) switch
    {
        (decimal d, JsonValueKind.Number) => d.CompareTo(v.GetDecimal()),
        (decimal d, JsonValueKind.String) when decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => d.CompareTo(n),
        (string s, JsonValueKind.String) => string.CompareOrdinal(s, v.GetString()),
        _ => null,
    };
}
