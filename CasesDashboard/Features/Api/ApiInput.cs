using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Api;

/// <summary>
/// What the API middleware learnt about a request: its body (read once, within the size limit) and the key inflection asked for.
/// </summary>
public sealed class ApiRequestFeature
{
    public byte[] Body { get; init; } = [];
    public Inflection Inflection { get; init; }
}

/// <summary>
/// A request document, member names normalised to kebab-case, read member by member: a member of the wrong JSON type or one
/// the endpoint does not know is malformed (400) and named by its pointer; rules about values are the services' (422).
/// </summary>
public sealed class ApiInput(JsonObject root)
{
    public JsonObject Root => root;

    public static ApiInput Read(HttpContext context)
    {
        var bytes = context.Features.Get<ApiRequestFeature>()?.Body ?? [];
        if (bytes.Length == 0) throw new MalformedInputException("", "The request needs a JSON body.");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            throw new MalformedInputException("", $"Invalid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {reason}.");
        }
        return node is JsonObject o ? new ApiInput((JsonObject)KeyInflection.NormalizeRequest(o)!)
            : throw new MalformedInputException("", "The request body is a JSON object such as {\"data\": {\"attributes\": {…}}}.");
    }

    /// <summary>The top-level members, refusing any not in <paramref name="allowed"/>.</summary>
    public Members Top(params string[] allowed) => new Members(root, "").Only(allowed);

    /// <summary><c>data.attributes</c> (empty when absent), refusing unknown attributes.</summary>
    public Members Attributes(params string[] allowed)
    {
        var data = Top("data", "meta").Object("data") ?? new Members([], "/data");
        data.Only("type", "id", "attributes");
        return (data.Object("attributes") ?? new Members([], "/data/attributes")).Only(allowed);
    }

    /// <summary>The top-level <c>meta</c> (empty when absent), refusing unknown members.</summary>
    public Members Meta(params string[] allowed) => (Top("data", "meta").Object("meta") ?? new Members([], "/meta")).Only(allowed);
}

/// <summary>The members of one JSON object of a request, each read with the pointer of where it is.</summary>
public sealed class Members(JsonObject o, string pointer)
{
    public JsonObject Node => o;
    public string Pointer => pointer;
    public bool Has(string name) => o.ContainsKey(name);
    public string At(string name) => $"{pointer}/{name}";

    public Members Only(params string[] allowed)
    {
        var unknown = o.Select(m => m.Key).Where(k => !allowed.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new MalformedInputException(unknown.Select(k => new Problem(At(k),
                $"'{k}' is not a member here; expected {(allowed.Length == 0 ? "none" : string.Join(", ", allowed))}.")).ToList());
        return this;
    }

    public Members? Object(string name) => o[name] switch
    {
        null => null,
        JsonObject inner => new Members(inner, At(name)),
        _ => throw Wrong(name, "an object"),
    };

    public string? String(string name, bool required = false) => o[name] switch
    {
        null when required => throw new MalformedInputException(At(name), $"{name} is required."),
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw Wrong(name, "a string"),
    };

    public long? Integer(string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) => n,
        _ => throw Wrong(name, "a whole number"),
    };

    public IReadOnlyList<string>? Strings(string name, bool required = false) => o[name] switch
    {
        null when required => throw new MalformedInputException(At(name), $"{name} is required."),
        null => null,
        JsonArray a => a.Select((item, i) => item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
            : throw new MalformedInputException($"{At(name)}/{i}", "must be a string.")).ToList(),
        _ => throw Wrong(name, "a list of strings"),
    };

    public MalformedInputException Wrong(string name, string what) =>
        new(At(name), $"{name} must be {what} (got {Kind(o[name])}).");

    private static string Kind(JsonNode? n) => n switch
    {
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "null",
    };
}
