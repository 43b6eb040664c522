using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Api;

/// <summary>
/// Reads the search body's <c>query</c> into a <see cref="CasePredicate"/>: a leaf <c>{"attribute", "operator", "value"}</c> or
/// one of <c>{"and": [...]}</c>, <c>{"or": [...]}</c>, <c>{"not": {...}}</c>. Attribute names may be snake, kebab or camel case
/// (<c>created_at</c>, <c>created-at</c>, <c>createdAt</c>); <c>fields.&lt;key&gt;</c> keeps the key as it is.
/// </summary>
public static class CaseSearchBody
{
    public const int MaxDepth = 10;

    public static CasePredicate Predicate(Members parent, string name) =>
        Predicate(parent.Node[name], parent.At(name), 0);

    private static CasePredicate Predicate(JsonNode? json, string path, int depth)
    {
        if (json is not JsonObject o) throw new MalformedInputException(path, "A condition is an object: {\"attribute\", \"operator\", \"value\"}, {\"and\": [...]}, {\"or\": [...]} or {\"not\": {...}}.");
        if (depth > MaxDepth) throw new MalformedInputException(path, $"Conditions nest at most {MaxDepth} deep.");
        var node = new Members(o, path);
        if (o.ContainsKey("and") || o.ContainsKey("or"))
        {
            var join = o.ContainsKey("and") ? "and" : "or";
            node.Only(join);
            var items = o[join] as JsonArray ?? throw node.Wrong(join, "a list of conditions");
            var parts = items.Select((item, i) => Predicate(item, $"{path}/{join}/{i}", depth + 1)).ToList();
            return join == "and" ? new AllOf(parts, node.At(join)) : new AnyOf(parts, node.At(join));
        }
        if (o.ContainsKey("not"))
        {
            node.Only("not");
            return new NotOf(Predicate(o["not"], node.At("not"), depth + 1), node.At("not"));
        }
        node.Only("attribute", "operator", "value", "quantifier", "json_path");
        var attribute = node.String("attribute", required: true)!;
        var op = KeyInflection.ToSnake(KeyInflection.ToKebab(node.String("operator", required: true)!));
        if (!o.ContainsKey("value")) throw new MalformedInputException(node.At("value"), "value is required (null to test for none).");
        var value = JsonSerializer.SerializeToElement(o["value"]);
        var normalized = attribute.StartsWith("fields.", StringComparison.Ordinal) ? attribute : KeyInflection.ToSnake(KeyInflection.ToKebab(attribute));
        var quantifier = node.String("quantifier");
        if (quantifier is not null && !Condition.Quantifiers.Contains(quantifier))
            throw new MalformedInputException(node.At("quantifier"), "quantifier is any or all.");
        var normalizedAttribute = attribute.StartsWith("external.", StringComparison.Ordinal) ? attribute : normalized;
        return new Condition(normalizedAttribute, op, value, path, quantifier, node.String("json_path"));
    }

    public static CaseSortKey SortKey(Members? sort) => sort?.String("attribute") is not { } a ? CaseSortKey.CreatedAt
        : KeyInflection.ToSnake(KeyInflection.ToKebab(a)) switch
        {
            "created_at" => CaseSortKey.CreatedAt,
            "updated_at" => CaseSortKey.UpdatedAt,
            "sla_expires_at" => CaseSortKey.SlaExpiresAt,
            _ => throw new MalformedInputException(sort.At("attribute"), $"Cases sort by created_at, updated_at or sla_expires_at (got '{a}')."),
        };

    public static bool Descending(Members? sort) => sort?.String("direction") switch
    {
        null or "desc" => true,
        "asc" => false,
        var d => throw new MalformedInputException(sort!.At("direction"), $"direction is asc or desc (got '{d}')."),
    };
}
