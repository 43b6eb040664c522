using System.Text;
using System.Text.Json.Nodes;

namespace CasesDashboard.Features.Api;

public enum Inflection { Kebab, Camel, Snake }

/// <summary>
/// Persona's key inflection: requests may spell member names in kebab-case, camelCase or snake_case; responses are kebab-case
/// unless <c>Key-Inflection: camel|snake</c> asks otherwise. Member names that are data, not names — the keys of a case's
/// <c>fields</c> — and documents given by the caller (external data, search values) are never inflected.
/// </summary>
public static class KeyInflection
{
    public const string Header = "Key-Inflection";

    public static Inflection Parse(string? header) => header?.Trim().ToLowerInvariant() switch
    {
        null or "" or "kebab" => Inflection.Kebab,
        "camel" => Inflection.Camel,
        "snake" => Inflection.Snake,
        _ => throw new Common.MalformedInputException("?Key-Inflection", $"Key-Inflection is kebab, camel or snake (got '{header}')."),
    };

    /// <summary>Any of the three spellings as kebab-case: <c>caseTemplateId</c>, <c>case_template_id</c> → <c>case-template-id</c>.</summary>
    public static string ToKebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (ch == '_') sb.Append('-');
            else if (char.IsUpper(ch))
            {
                if (i > 0 && name[i - 1] is not ('-' or '_')) sb.Append('-');
                sb.Append(char.ToLowerInvariant(ch));
            }
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    public static string ToSnake(string kebab) => kebab.Replace('-', '_');

    public static string From(string kebab, Inflection to) => to switch
    {
        Inflection.Snake => kebab.Replace('-', '_'),
        Inflection.Camel => Camel(kebab),
        _ => kebab,
    };

    private static string Camel(string kebab)
    {
        var sb = new StringBuilder(kebab.Length);
        for (var i = 0; i < kebab.Length; i++)
        {
            if (kebab[i] == '-' && i + 1 < kebab.Length) sb.Append(char.ToUpperInvariant(kebab[++i]));
            else sb.Append(kebab[i]);
        }
        return sb.ToString();
    }

    /// <summary>A request document with every member name in kebab-case, except inside opaque members.</summary>
    public static JsonNode? NormalizeRequest(JsonNode? node, string path = "") => node switch
    {
        JsonObject o => Rebuild(o, (name, value) =>
        {
            var kebab = ToKebab(name);
            var at = $"{path}/{kebab}";
            return (kebab, OpaqueInRequest(at) ? value?.DeepClone() : NormalizeRequest(value, at));
        }),
        JsonArray a => new JsonArray(a.Select((item, i) => NormalizeRequest(item, $"{path}/*")).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>A response document (written in kebab-case) in <paramref name="to"/>, leaving opaque members as they are.</summary>
    public static JsonNode? Inflect(JsonNode? node, Inflection to, string? resourceType = null) => node switch
    {
        JsonObject o => Rebuild(o, (name, value) =>
        {
            var type = o["type"] is JsonValue t && o.ContainsKey("attributes") ? t.GetValue<string>() : null;
            var inner = name == "attributes" && type is not null
                ? Rebuild((JsonObject)value!, (attr, v) => (From(attr, to), OpaqueAttribute(type, attr) ? v?.DeepClone() : Inflect(v, to)))
                : Inflect(value, to, type ?? resourceType);
            return (From(name, to), inner);
        }),
        JsonArray a => new JsonArray(a.Select(item => Inflect(item, to, resourceType)).ToArray()),
        _ => node?.DeepClone(),
    };

    private static bool OpaqueInRequest(string path) =>
        path is "/data/attributes/fields" || path.EndsWith("/value", StringComparison.Ordinal)
        || path.StartsWith("/data/attributes/external-data/", StringComparison.Ordinal) && path.EndsWith("/document", StringComparison.Ordinal);

    private static bool OpaqueAttribute(string type, string attribute) =>
        (type, attribute) is ("case", "fields") or ("external-data", "document");

    private static JsonObject Rebuild(JsonObject o, Func<string, JsonNode?, (string, JsonNode?)> map)
    {
        var result = new JsonObject();
        foreach (var (name, value) in o)
        {
            var (n, v) = map(name, value);
            result[n] = v;
        }
        return result;
    }
}
