using System.Text.Json;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;

namespace CasesDashboard.Features.Templates;

/// <summary>Evaluates a panel's visibility or enabled rule against a case as read.</summary>
public static class PanelRules
{
    public static bool Holds(PanelRule? rule, CaseView view) => rule is null || rule.Kind switch
    {
        RuleKind.FieldEquals => view.Field(rule.Field ?? "") is { } v && Matches(v, rule.Value),
        RuleKind.FieldFilled => FieldValues.IsFilled(view.Field(rule.Field ?? "")),
        RuleKind.HasReportMatches => view.Objects.Any(o => o.Object is Report { MatchCount: > 0 }),
        RuleKind.HasObject => view.Objects.Any(o => string.Equals(o.Object.Kind.ToString(), rule.ObjectKind, StringComparison.OrdinalIgnoreCase)),
        _ => true,
    };

    private static bool Matches(JsonElement value, string? expected) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Any(e => e.ToString() == expected),
        JsonValueKind.True or JsonValueKind.False => string.Equals(value.GetRawText(), expected, StringComparison.OrdinalIgnoreCase),
        JsonValueKind.String => value.GetString() == expected,
        _ => value.GetRawText() == expected,
    };

    public static string Describe(PanelRule rule) => rule.Kind switch
    {
        RuleKind.FieldEquals => $"when {rule.Field} = {rule.Value}",
        RuleKind.FieldFilled => $"when {rule.Field} is filled",
        RuleKind.HasReportMatches => "when a linked report has matches",
        _ => $"when the case has a linked {rule.ObjectKind}",
    };
}
