using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Queues;

namespace CasesDashboard.Features.Automations;

/// <summary>
/// A rule's condition as the editor holds it: groups (all / any) of conditions and groups, each possibly negated; a leaf's
/// attribute, operator and value as typed (a list comma-separated), its quantifier (linked objects) and its document and JSON
/// path (external data). Converts to and from the stored JSON without losing any of them. <see cref="Path"/> is where the node
/// sits as the rule validator names it (<c>condition/and/1</c>), so problems land next to their control.
/// </summary>
public sealed class RuleConditionDraft
{
    public const string RootPath = "condition";

    public bool IsGroup { get; set; }
    public ConditionGroupKind Group { get; set; }
    public bool Negated { get; set; }
    public List<RuleConditionDraft> Items { get; set; } = [];
    /// <summary>The picker's key: a case attribute, <c>fields.x</c>, <c>transactions.amount</c>, or <see cref="RuleConditionVocabulary.External"/>.</summary>
    public string Attribute { get; set; } = "template";
    public string Operator { get; set; } = "eq";
    public string Value { get; set; } = "";
    /// <summary>Linked objects: any (null) or all.</summary>
    public string? Quantifier { get; set; }
    /// <summary>External data: the document's name and the JSON path in it.</summary>
    public string Document { get; set; } = "";
    public string JsonPath { get; set; } = "$.";
    public string Path { get; private set; } = RootPath;

    public static RuleConditionDraft NewGroup() => new() { IsGroup = true };

    /// <summary>The stored condition as a tree to edit; none becomes an empty "all" group.</summary>
    public static RuleConditionDraft From(JsonObject? condition)
    {
        var root = condition is null || condition.Count == 0 ? NewGroup() : From(CasePredicateJson.Parse(condition.ToJsonString(), RootPath));
        if (!root.IsGroup) root = new RuleConditionDraft { IsGroup = true, Items = [root] };
        root.AssignPaths(RootPath);
        return root;
    }

    private static RuleConditionDraft From(CasePredicate p) => p switch
    {
        AllOf all => new() { IsGroup = true, Group = ConditionGroupKind.All, Items = all.Items.Select(From).ToList() },
        AnyOf any => new() { IsGroup = true, Group = ConditionGroupKind.Any, Items = any.Items.Select(From).ToList() },
        NotOf not => Negate(From(not.Inner)),
        Condition c when c.Attribute.StartsWith("external.", StringComparison.Ordinal) => new()
        {
            Attribute = RuleConditionVocabulary.External, Document = c.Attribute[9..], JsonPath = c.JsonPath ?? "$.", Operator = c.Operator, Value = Text(c.Value),
        },
        Condition c => new() { Attribute = c.Attribute, Operator = c.Operator, Value = Text(c.Value), Quantifier = c.Quantifier },
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    private static RuleConditionDraft Negate(RuleConditionDraft d)
    {
        d.Negated = !d.Negated;
        return d;
    }

    private static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Array => string.Join(", ", v.EnumerateArray().Select(Text)),
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Null => "",
        _ => v.GetRawText(),
    };

    public bool IsExternal => !IsGroup && Attribute == RuleConditionVocabulary.External;

    /// <summary>The condition to store (null when the tree holds none), values typed by <paramref name="attributes"/>.</summary>
    public JsonObject? ToJson(IReadOnlyList<RuleConditionAttribute> attributes)
    {
        AssignPaths(RootPath);
        return IsGroup && Items.Count == 0 ? null : (JsonObject)Node(attributes);
    }

    private JsonNode Node(IReadOnlyList<RuleConditionAttribute> attributes)
    {
        JsonNode node;
        if (IsGroup)
            node = new JsonObject { [Group == ConditionGroupKind.All ? "and" : "or"] = new JsonArray(Items.Select(i => i.Node(attributes)).ToArray()) };
        else
        {
            var attribute = attributes.FirstOrDefault(a => a.Key == Attribute);
            var leaf = new JsonObject
            {
                ["attribute"] = IsExternal ? $"external.{Document.Trim()}" : Attribute,
                ["operator"] = Operator,
                ["value"] = TypedValue(attribute?.Kind),
            };
            if (IsExternal) leaf["json_path"] = JsonPath.Trim();
            if (Quantifier is not null && attribute?.Quantified != false) leaf["quantifier"] = Quantifier;
            node = leaf;
        }
        return Negated ? new JsonObject { ["not"] = node } : node;
    }

    /// <summary>Numbers and yes/no typed by the attribute; for external data, a value that reads as a number or true/false is one.</summary>
    private JsonNode? TypedValue(ConditionValueKind? kind)
    {
        JsonNode? One(string text) => (kind, IsExternal) switch
        {
            (ConditionValueKind.Number, _) or (_, true) when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
            (ConditionValueKind.Boolean, _) or (_, true) when bool.TryParse(text, out var b) => b,
            _ => text,
        };
        if (Operator is "in" or "not_in")
            return new JsonArray(Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(One).ToArray());
        return Value.Trim().Length == 0 && Operator is "eq" or "not_eq" ? null : One(Value.Trim());
    }

    /// <summary>Paths as the validator writes them: <c>condition/and/1</c>, a negated node's own path inside its <c>/not</c>.</summary>
    private void AssignPaths(string path)
    {
        Path = Negated ? $"{path}/not" : path;
        var join = Group == ConditionGroupKind.All ? "and" : "or";
        for (var i = 0; i < Items.Count; i++) Items[i].AssignPaths($"{Path}/{join}/{i}");
    }

    /// <summary>The problems about this node or inside it (for a leaf: its attribute, operator, value, quantifier, json_path).</summary>
    public IEnumerable<Problem> ProblemsIn(IEnumerable<Problem> problems) => problems.Where(p =>
        p.Path == Path || IsGroup && (p.Path == $"{Path}/and" || p.Path == $"{Path}/or") || !IsGroup && p.Path.StartsWith(Path + ".", StringComparison.Ordinal));
}
