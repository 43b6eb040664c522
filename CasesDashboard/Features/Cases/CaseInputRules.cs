using System.Text;
using System.Text.Json;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// The checks every way into a case applies to what it is given (the case page, the API, imports, automations):
/// field values against the template, tags, comments and external documents against <see cref="CaseLimits"/>.
/// Each adds a problem named by its path instead of throwing, so a caller can report every problem at once.
/// </summary>
public static class CaseInputRules
{
    public const int MaxTagLength = 64;

    /// <summary>Adds a problem and returns false when <paramref name="value"/> does not fit field <paramref name="key"/>.</summary>
    public static bool CheckField(TemplateDefinition definition, string key, JsonElement value, string path, List<Problem> problems)
    {
        var field = definition.FindField(key);
        var error = field is null ? $"is not a field of {definition.Name}."
            : field.Retired ? "is retired and can no longer be changed."
            : FieldValues.Validate(field, value);
        if (error is null) return true;
        problems.Add(new(path, field is null ? $"'{key}' {error}" : $"{field.Label} {error}"));
        return false;
    }

    /// <summary>A tag as stored (trimmed, lower case, spaces as dashes), or null when it is not 1-64 letters, digits, '-', '_' or ':'.</summary>
    public static string? NormalizeTag(string? tag)
    {
        var t = (tag ?? "").Trim().ToLowerInvariant().Replace(' ', '-');
        return t.Length is > 0 and <= MaxTagLength && t.All(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or ':') ? t : null;
    }

    /// <summary>The distinct normalised tags; a tag that cannot be one, or more than the limit, is a problem.</summary>
    public static List<string> Tags(IEnumerable<string> tags, CaseLimits limits, string path, List<Problem> problems)
    {
        var result = new List<string>();
        foreach (var tag in tags)
        {
            var t = NormalizeTag(tag);
            if (t is null) problems.Add(new(path, $"'{tag}' is not a tag: use 1-{MaxTagLength} letters, digits, '-', '_' or ':'."));
            else if (!result.Contains(t)) result.Add(t);
        }
        if (result.Count > limits.MaxTagsPerCase) problems.Add(new(path, $"A case can carry at most {limits.MaxTagsPerCase} tags (got {result.Count})."));
        return result;
    }

    /// <summary>The comment as stored (trimmed), or null with a problem when it is empty or too long.</summary>
    public static string? Comment(string? body, CaseLimits limits, string path, List<Problem> problems)
    {
        var text = (body ?? "").Trim();
        if (text.Length == 0) problems.Add(new(path, "A comment cannot be empty."));
        else if (text.Length > limits.MaxCommentLength)
            problems.Add(new(path, $"A comment is at most {limits.MaxCommentLength:N0} characters (this one has {text.Length:N0})."));
        else return text;
        return null;
    }

    /// <summary>
    /// A named JSON document as stored, or null with a problem: the name is 1-100 characters, the text parses, fits the size
    /// limit and is an object or an array (a bare number or string is not a document).
    /// </summary>
    public static NewExternalDocument? Document(string? name, string? json, string? source, CaseLimits limits, string path, List<Problem> problems)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 100) { problems.Add(new($"{path}.name", "A document name is 1-100 characters.")); return null; }
        var bytes = Encoding.UTF8.GetByteCount(json ?? "");
        if (bytes > limits.MaxDocumentBytes)
        {
            problems.Add(new($"{path}.json", $"The document is {bytes:N0} bytes; the limit is {limits.MaxDocumentBytes:N0}."));
            return null;
        }
        try
        {
            using var parsed = Json.ParseUserJson(json ?? "", $"{path}.json");
            if (parsed.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                problems.Add(new($"{path}.json", $"External data must be a JSON object or array; this is a {Kind(parsed.RootElement.ValueKind)}."));
                return null;
            }
            return new NewExternalDocument(name, parsed.RootElement.GetRawText(), string.IsNullOrWhiteSpace(source) ? "user" : source.Trim());
        }
        catch (ValidationException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
