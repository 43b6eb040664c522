using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// A stored condition (a queue's routing, later an automation's) as JSON in the API's search language: a leaf
/// <c>{"attribute", "operator", "value"}</c> or <c>{"and": [...]}</c>, <c>{"or": [...]}</c>, <c>{"not": {...}}</c>, with
/// snake_case attribute names. Paths are dotted (<c>conditions.and[1]</c>); a leaf's own problems add <c>.attribute</c>,
/// <c>.operator</c> or <c>.value</c>. (The API reads request bodies its own way: other inflections, JSON pointers.)
/// </summary>
public static class CasePredicateJson
{
    public const int MaxDepth = 10;

    /// <summary>Reads <paramref name="json"/>; a structural problem is a <see cref="MalformedInputException"/> at its path.</summary>
    public static CasePredicate Parse(string json, string path)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement.Clone(); }
        catch (JsonException e) { throw new MalformedInputException(path, $"Not JSON: {e.Message.Split(" Path:", 2)[0]}"); }
        return Parse(root, path, 0);
    }

    private static CasePredicate Parse(JsonElement e, string path, int depth)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new MalformedInputException(path, "A condition is {\"attribute\", \"operator\", \"value\"}, {\"and\": [...]}, {\"or\": [...]} or {\"not\": {...}}.");
        if (depth > MaxDepth) throw new MalformedInputException(path, $"Conditions nest at most {MaxDepth} deep.");
        var members = e.EnumerateObject().Select(m => m.Name).ToList();
        if (members is [var join] && join is "and" or "or")
        {
            var items = e.GetProperty(join);
            if (items.ValueKind != JsonValueKind.Array) throw new MalformedInputException($"{path}.{join}", "must be a list of conditions.");
            var parts = items.EnumerateArray().Select((item, i) => Parse(item, $"{path}.{join}[{i}]", depth + 1)).ToList();
            return join == "and" ? new AllOf(parts, path) : new AnyOf(parts, path);
        }
        if (members is ["not"]) return new NotOf(Parse(e.GetProperty("not"), $"{path}.not", depth + 1), path);
        var unknown = members.Except(["attribute", "operator", "value", "quantifier", "json_path"]).ToList();
        if (unknown.Count > 0 || !members.Contains("attribute") || !members.Contains("operator") || !members.Contains("value"))
            throw new MalformedInputException(path, unknown.Count > 0
                ? $"'{unknown[0]}' is not part of a condition; a condition is attribute, operator and value, or and / or / not."
                : "A condition needs attribute, operator and value (null to test for none).");
        string Text(string name) => e.GetProperty(name) is { ValueKind: JsonValueKind.String } v ? v.GetString()!
            : throw new MalformedInputException($"{path}.{name}", $"{name} must be a string.");
        var quantifier = members.Contains("quantifier") ? Text("quantifier") : null;
        if (quantifier is not null && !Condition.Quantifiers.Contains(quantifier))
            throw new MalformedInputException($"{path}.quantifier", "quantifier is any or all.");
        var jsonPath = members.Contains("json_path") ? Text("json_path") : null;
        return new Condition(Text("attribute"), Text("operator"), e.GetProperty("value").Clone(), path, quantifier, jsonPath);
    }

    public static string Write(CasePredicate predicate) => Node(predicate).ToJsonString();

    private static JsonObject Leaf(Condition c)
    {
        var o = new JsonObject { ["attribute"] = c.Attribute, ["operator"] = c.Operator, ["value"] = JsonNode.Parse(c.Value.GetRawText()) };
        if (c.Quantifier is not null) o["quantifier"] = c.Quantifier;
        if (c.JsonPath is not null) o["json_path"] = c.JsonPath;
        return o;
    }

    private static JsonNode Node(CasePredicate p) => p switch
    {
        AllOf all => new JsonObject { ["and"] = new JsonArray(all.Items.Select(Node).ToArray()) },
        AnyOf any => new JsonObject { ["or"] = new JsonArray(any.Items.Select(Node).ToArray()) },
        NotOf not => new JsonObject { ["not"] = Node(not.Inner) },
        Condition c => Leaf(c),
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    /// <summary>Every leaf of the tree, in order.</summary>
    public static IEnumerable<Condition> Leaves(CasePredicate p) => p switch
    {
        AllOf all => all.Items.SelectMany(Leaves),
        AnyOf any => any.Items.SelectMany(Leaves),
        NotOf not => Leaves(not.Inner),
        Condition c => [c],
        _ => [],
    };
}
