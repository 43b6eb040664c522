using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Queues;

public enum ConditionGroupKind { All, Any }

/// <summary>
/// A routing condition as the editor holds it: groups (all / any) of conditions and groups, each possibly negated, values as
/// typed (a list comma-separated). Converts to and from the stored JSON; <see cref="Path"/> is where a node sits in that JSON,
/// so the problems the validator names by path land next to their control.
/// </summary>
public sealed class ConditionDraft
{
    public bool IsGroup { get; set; }
    public ConditionGroupKind Group { get; set; }
    public bool Negated { get; set; }
    public List<ConditionDraft> Items { get; set; } = [];
    public string Attribute { get; set; } = "template";
    public string Operator { get; set; } = "eq";
    public string Value { get; set; } = "";
    public string Path { get; private set; } = "conditions";

    public static ConditionDraft NewGroup() => new() { IsGroup = true };

    /// <summary>The stored condition as a tree to edit; none becomes an empty "all" group.</summary>
    public static ConditionDraft FromJson(string? json)
    {
        var root = string.IsNullOrWhiteSpace(json) ? NewGroup() : From(CasePredicateJson.Parse(json, "conditions"));
        if (!root.IsGroup) root = new ConditionDraft { IsGroup = true, Items = [root] };
        root.AssignPaths("conditions");
        return root;
    }

    private static ConditionDraft From(CasePredicate p) => p switch
    {
        AllOf all => new() { IsGroup = true, Group = ConditionGroupKind.All, Items = all.Items.Select(From).ToList() },
        AnyOf any => new() { IsGroup = true, Group = ConditionGroupKind.Any, Items = any.Items.Select(From).ToList() },
        NotOf not => Negate(From(not.Inner)),
        Condition c => new() { Attribute = c.Attribute, Operator = c.Operator, Value = Text(c.Value) },
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    private static ConditionDraft Negate(ConditionDraft d)
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

    /// <summary>The JSON to store (null when the tree holds no condition), typing values by <paramref name="attributes"/>.</summary>
    public string? ToJson(IReadOnlyList<ConditionAttribute> attributes)
    {
        AssignPaths("conditions");
        return IsGroup && Items.Count == 0 ? null : Node(attributes).ToJsonString();
    }

    private JsonNode Node(IReadOnlyList<ConditionAttribute> attributes)
    {
        JsonNode node = IsGroup
            ? new JsonObject { [Group == ConditionGroupKind.All ? "and" : "or"] = new JsonArray(Items.Select(i => i.Node(attributes)).ToArray()) }
            : new JsonObject { ["attribute"] = Attribute, ["operator"] = Operator, ["value"] = TypedValue(attributes.FirstOrDefault(a => a.Key == Attribute)?.Kind) };
        return Negated ? new JsonObject { ["not"] = node } : node;
    }

    private JsonNode? TypedValue(ConditionValueKind? kind)
    {
        JsonNode? One(string text) => kind switch
        {
            ConditionValueKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
            ConditionValueKind.Boolean when bool.TryParse(text, out var b) => b,
            _ => text,
        };
        if (Operator is "in" or "not_in")
            return new JsonArray(Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(One).ToArray());
        return Value.Trim().Length == 0 && Operator is "eq" or "not_eq" ? null : One(Value.Trim());
    }

    /// <summary>Where each node sits in the JSON <see cref="ToJson"/> writes (a negated node's own path is inside its <c>not</c>).</summary>
    private void AssignPaths(string path)
    {
        Path = Negated ? $"{path}.not" : path;
        var join = Group == ConditionGroupKind.All ? "and" : "or";
        for (var i = 0; i < Items.Count; i++) Items[i].AssignPaths($"{Path}.{join}[{i}]");
    }

    /// <summary>The problems about this node or inside it (for a leaf: its attribute, operator and value).</summary>
    public IEnumerable<Problem> ProblemsIn(IEnumerable<Problem> problems) =>
        problems.Where(p => p.Path == Path || !IsGroup && p.Path.StartsWith(Path + ".", StringComparison.Ordinal));
}
