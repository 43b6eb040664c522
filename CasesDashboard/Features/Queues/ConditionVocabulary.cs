using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Queues;

/// <summary>How a condition's value is typed: text, a number, yes/no.</summary>
public enum ConditionValueKind { Text, Number, Boolean }

/// <summary>An attribute a routing condition can test, its operators, and its values when they come from a list.</summary>
public sealed record ConditionAttribute(string Key, string Label, IReadOnlyList<string> Operators, IReadOnlyList<string>? Values = null,
    ConditionValueKind Kind = ConditionValueKind.Text);

/// <summary>
/// What the routing-condition editor offers, from the current templates: the attributes routing reacts to, with operators that
/// apply and the values to pick from where they are known. The validator (<see cref="QueueService"/>) remains the judge.
/// </summary>
public static class ConditionVocabulary
{
    private static readonly string[] Equality = ["eq", "not_eq", "in", "not_in"];
    private static readonly string[] Ordering = ["eq", "not_eq", "gt", "gte", "lt", "lte"];

    public static string OperatorLabel(string op) => op switch
    {
        "eq" => "is",
        "not_eq" => "is not",
        "in" => "is one of",
        "not_in" => "is none of",
        "contains" => "contains",
        "gt" => ">",
        "gte" => "≥",
        "lt" => "<",
        "lte" => "≤",
        _ => op,
    };

    public static IReadOnlyList<ConditionAttribute> For(IReadOnlyList<TemplateSummary> templates)
    {
        var live = templates.Where(t => !t.Archived).ToList();
        var attributes = new List<ConditionAttribute>
        {
            new("template", "Template", Equality, live.Select(t => t.Key).ToList()),
            new("status", "Status", Equality, live.SelectMany(t => t.Definition.Statuses).Where(s => s.Type != StatusType.End).Select(s => s.Key).Distinct().ToList()),
            new("priority", "Priority", Equality, Enum.GetNames<CasePriority>().Select(n => n.ToLowerInvariant()).ToList()),
            new("tags", "Tags", ["contains", "in"]),
            new("reports.report_type", "A linked report's type", Equality, Report.Types),
            new("reports.match_count", "A linked report's matches", Ordering, Kind: ConditionValueKind.Number),
            new("reports.status", "A linked report's status", Equality),
            new("inquiries.status", "A linked inquiry's status", Equality, Inquiry.Statuses),
            new("accounts.status", "A linked account's status", Equality),
            new("accounts.email", "A linked account's email", Equality),
            new("transactions.transaction_type", "A linked transaction's type", Equality),
            new("transactions.status", "A linked transaction's status", Equality),
        };
        foreach (var field in live.SelectMany(t => t.Definition.Fields.Where(f => !f.Retired).Select(f => (t, f))).DistinctBy(x => x.f.Key))
            attributes.Add(Field(field.t, field.f));
        return attributes;
    }

    private static ConditionAttribute Field(TemplateSummary t, FieldDefinition f) => f.Type switch
    {
        FieldType.Number or FieldType.Money => new($"fields.{f.Key}", $"Field: {f.Label} ({t.Key})", Ordering, Kind: ConditionValueKind.Number),
        FieldType.Checkbox => new($"fields.{f.Key}", $"Field: {f.Label} ({t.Key})", ["eq", "not_eq"], ["true", "false"], ConditionValueKind.Boolean),
        FieldType.Select => new($"fields.{f.Key}", $"Field: {f.Label} ({t.Key})", Equality, f.Options),
        FieldType.MultiSelect => new($"fields.{f.Key}", $"Field: {f.Label} ({t.Key})", ["contains"], f.Options),
        _ => new($"fields.{f.Key}", $"Field: {f.Label} ({t.Key})", Equality),
    };
}
