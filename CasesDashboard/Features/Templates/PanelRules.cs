using System.Text.Json;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;

namespace CasesDashboard.Features.Templates;

/// <summary>What a panel rule looks at: the case's field values and its linked objects.</summary>
public sealed record CaseFacts(IReadOnlyDictionary<string, JsonElement> Fields, IReadOnlyList<CaseObject> Objects)
{
    public JsonElement? Field(string key) => Fields.TryGetValue(key, out var v) ? v : null;
}

/// <summary>
/// Evaluates a panel's visibility or enabled rule against a case. The case page uses it to lay panels out, and the case
/// service uses it to refuse a write to a field that the template disables, so no client can go around it.
/// </summary>
public static class PanelRules
{
    public static bool Holds(PanelRule? rule, CaseFacts facts) => rule is null || rule.Kind switch
    {
        RuleKind.FieldEquals => facts.Field(rule.Field ?? "") is { } v && Matches(v, rule.Value),
        RuleKind.FieldFilled => FieldValues.IsFilled(facts.Field(rule.Field ?? "")),
        RuleKind.HasReportMatches => facts.Objects.Any(o => o is Report { MatchCount: > 0 }),
        RuleKind.HasObject => facts.Objects.Any(o => string.Equals(o.Kind.ToString(), rule.ObjectKind, StringComparison.OrdinalIgnoreCase)),
        _ => true,
    };

    /// <summary>Does any Inputs panel have a rule that needs the case's linked objects to be evaluated?</summary>
    public static bool NeedsObjects(TemplateDefinition d) => InputPanels(d).Any(p =>
        p.VisibleWhen?.Kind is RuleKind.HasObject or RuleKind.HasReportMatches || p.EnabledWhen?.Kind is RuleKind.HasObject or RuleKind.HasReportMatches);

    /// <summary>
    /// Why field <paramref name="key"/> may not be changed now, or null when it may: a field shown on Inputs panels can be
    /// changed only while at least one of them is visible and enabled. A field on no Inputs panel is not gated by the layout.
    /// </summary>
    public static string? WhyNotEditable(TemplateDefinition d, string key, CaseFacts facts)
    {
        var panels = InputPanels(d).Where(p => p.Fields.Count == 0 || p.Fields.Contains(key)).ToList();
        if (panels.Count == 0 || panels.Any(p => Holds(p.VisibleWhen, facts) && Holds(p.EnabledWhen, facts))) return null;
        var gate = panels.Select(p => Holds(p.VisibleWhen, facts) ? p.EnabledWhen : p.VisibleWhen).First(r => r is not null)!;
        return $"{d.FindField(key)?.Label ?? key} can be changed only {Describe(gate, d)}.";
    }

    private static IEnumerable<PanelDefinition> InputPanels(TemplateDefinition d) =>
        d.Layout.SelectMany(t => t.Panels).Where(p => p.Kind == PanelKind.Inputs);

    private static bool Matches(JsonElement value, string? expected) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Any(e => e.ToString() == expected),
        JsonValueKind.True or JsonValueKind.False => string.Equals(value.GetRawText(), expected, StringComparison.OrdinalIgnoreCase),
        JsonValueKind.String => value.GetString() == expected,
        _ => value.GetRawText() == expected,
    };

    public static string Describe(PanelRule rule, TemplateDefinition? d = null) => rule.Kind switch
    {
        RuleKind.FieldEquals => $"when {Label(rule.Field, d)} is {rule.Value}",
        RuleKind.FieldFilled => $"when {Label(rule.Field, d)} is filled",
        RuleKind.HasReportMatches => "when a linked report has matches",
        _ => $"when the case has a linked {rule.ObjectKind}",
    };

    private static string? Label(string? field, TemplateDefinition? d) => d?.FindField(field ?? "")?.Label ?? field;
}
