using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Automations;

/// <summary>Where an attribute a rule's condition can test comes from (the picker groups by it).</summary>
public enum RuleAttributeGroup { Case, Field, External, Linked, Object }

/// <summary>An attribute the rule condition editor offers: its key, label, operators, known values and how its value is typed.</summary>
public sealed record RuleConditionAttribute(string Key, string Label, RuleAttributeGroup Group, IReadOnlyList<string> Operators,
    IReadOnlyList<string>? Values = null, ConditionValueKind Kind = ConditionValueKind.Text, IReadOnlyDictionary<string, string>? ValueLabels = null)
{
    public string LabelOf(string value) => ValueLabels?.GetValueOrDefault(value) ?? value;

    /// <summary>A linked-object attribute other than a count takes a quantifier: some linked object (any) or every one (all).</summary>
    public bool Quantified => Group == RuleAttributeGroup.Linked && !Key.EndsWith(".count", StringComparison.Ordinal);
}

/// <summary>
/// What the rule condition editor offers for a trigger: for case triggers the case's attributes, the fields of the trigger's
/// template (of every open template when the trigger names none), external data by document and JSON path, and the linked
/// objects' attributes (with any / all) and counts; for object triggers the object's attributes. The vocabulary is the engine's
/// (<see cref="CaseConditions"/>, <see cref="ObjectConditions"/>); the validator remains the judge.
/// </summary>
public static class RuleConditionVocabulary
{
    /// <summary>The picker's entry for external data; the stored attribute is <c>external.&lt;document name&gt;</c>.</summary>
    public const string External = "external";

    private static readonly string[] Equality = ["eq", "not_eq", "in", "not_in"];
    private static readonly string[] Ordering = ["eq", "not_eq", "gt", "gte", "lt", "lte"];

    public static IReadOnlyList<RuleConditionAttribute> For(RuleTrigger trigger, IReadOnlyList<TemplateSummary> templates, IReadOnlyList<QueueInfo>? queues = null)
    {
        if (TriggerTypes.IsObject(trigger.Type)) return ObjectAttributes();
        var live = templates.Where(t => !t.Archived).ToList();
        var scope = trigger.Template is { } key && live.FirstOrDefault(t => t.Key == key) is { } one ? [one] : live;
        var list = new List<RuleConditionAttribute>
        {
            Case("template", "Template", Equality, live.Select(t => t.Key).ToList()),
            Case("status", "Status", Equality, scope.SelectMany(t => t.Definition.Statuses).Select(s => s.Key).Distinct().ToList()),
            Case("state", "State (open or resolved)", ["eq", "not_eq"], ["open", "resolved"]),
            Case("priority", "Priority", Equality, Enum.GetNames<CasePriority>().Select(n => n.ToLowerInvariant()).ToList()),
            Case("assignee", "Assignee (user id or email; empty: nobody)", Equality),
            Case("case_queue", "Queue", Equality, queues?.Where(q => !q.Archived).Select(q => q.PublicId).ToList()) with
            {
                ValueLabels = queues?.ToDictionary(q => q.PublicId, q => q.Name),
            },
            Case("tags", "Tags", ["contains", "in"]),
            Case("name", "Case name (KEY-n)", Equality),
            Case("reference_id", "Reference id of a linked object", Equality),
            Case("created_at", "Created at (ISO time)", Ordering),
            Case("updated_at", "Updated at (ISO time)", Ordering),
            Case("sla_expires_at", "SLA due at (ISO time)", Ordering),
        };
        foreach (var (t, f) in scope.SelectMany(t => t.Definition.Fields.Where(f => !f.Retired).Select(f => (t, f))).DistinctBy(x => x.f.Key))
            list.Add(Field(t, f, scope.Count > 1));
        list.Add(new(External, "External data: a document's value at a JSON path", RuleAttributeGroup.External, [.. Ordering, "in", "not_in"]));
        foreach (var linked in CaseConditions.LinkedAttributes)
            list.Add(Linked(linked));
        return list;
    }

    private static RuleConditionAttribute Case(string key, string label, IReadOnlyList<string> operators, IReadOnlyList<string>? values = null) =>
        new(key, label, RuleAttributeGroup.Case, operators, values is { Count: > 0 } ? values : null);

    private static RuleConditionAttribute Field(TemplateSummary t, FieldDefinition f, bool named)
    {
        var label = $"Field: {f.Label}" + (named ? $" ({t.Key})" : "");
        return f.Type switch
        {
            FieldType.Number or FieldType.Money => new($"fields.{f.Key}", label, RuleAttributeGroup.Field, Ordering, Kind: ConditionValueKind.Number),
            FieldType.Checkbox => new($"fields.{f.Key}", label, RuleAttributeGroup.Field, ["eq", "not_eq"], ["true", "false"], ConditionValueKind.Boolean),
            FieldType.Select => new($"fields.{f.Key}", label, RuleAttributeGroup.Field, Equality, f.Options),
            FieldType.MultiSelect => new($"fields.{f.Key}", label, RuleAttributeGroup.Field, ["contains"], f.Options),
            _ => new($"fields.{f.Key}", label, RuleAttributeGroup.Field, Equality),
        };
    }

    private static RuleConditionAttribute Linked(string key)
    {
        var (kind, member) = (key[..key.IndexOf('.')], key[(key.IndexOf('.') + 1)..]);
        var label = member == "count" ? $"Number of linked {kind}" : $"Linked {kind}: {member.Replace('_', ' ')}";
        IReadOnlyList<string>? values = key switch
        {
            "inquiries.status" => Inquiry.Statuses,
            "reports.report_type" => Report.Types,
            _ => null,
        };
        var kindOfValue = member is "count" or "amount" or "match_count" or "age_days" ? ConditionValueKind.Number : ConditionValueKind.Text;
        return new(key, label, RuleAttributeGroup.Linked, CaseConditions.LinkedOperators(key), values, kindOfValue);
    }

    private static IReadOnlyList<RuleConditionAttribute> ObjectAttributes() =>
        ObjectConditions.Attributes.Select(a => new RuleConditionAttribute(a, $"Object: {a.Replace('_', ' ')}", RuleAttributeGroup.Object,
            a is "amount" or "match_count" ? ["eq", "not_eq", "gt", "gte", "lt", "lte"] : ["eq", "not_eq", "in", "not_in"],
            a switch
            {
                "kind" => ["inquiry", "account", "report", "transaction"],
                "report_type" => Report.Types,
                _ => null,
            },
            a is "amount" or "match_count" ? ConditionValueKind.Number : ConditionValueKind.Text)).ToList();
}
