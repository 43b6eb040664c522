using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Api;

/// <summary>One entry of an error document: what went wrong and, when known, which member (pointer) or query parameter.</summary>
public sealed record ApiError(int Status, string Details, string? Pointer = null, string? Parameter = null)
{
    public string Title => Titles.GetValueOrDefault(Status, "Error");

    private static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "Bad request", [401] = "Unauthorized", [403] = "Forbidden", [404] = "Not found", [405] = "Method not allowed",
        [409] = "Conflict", [413] = "Payload too large", [415] = "Unsupported media type", [422] = "Unprocessable entity",
        [429] = "Too many requests", [500] = "Server error",
    };
}

/// <summary>
/// The one place API errors are shaped: <c>{"errors": [{"status", "title", "details", "source": {"pointer" | "parameter"}}]}</c>.
/// Service errors map to their status (malformed input 400, rule violations 422, unknown ids 404, refusals 403, stale or
/// conflicting changes 409), and each problem's path (<c>fields.verdict</c>, <c>object_ids[1]</c>) to the member of the request
/// it names (<c>/data/attributes/fields/verdict</c>, <c>/meta/object-ids/1</c>), or to the query parameter for reads.
/// </summary>
public static partial class ApiErrors
{
    /// <summary>Where a service's problem paths point in a request document (first path segment → pointer).</summary>
    private static readonly Dictionary<string, string> Members = new()
    {
        ["fields"] = "/data/attributes/fields",
        ["object_ids"] = "/meta/object-ids",
        ["object_id"] = "/meta/object-ids/0",
        ["external_data"] = "/data/attributes/external-data",
        ["tags"] = "/meta/tag-name",
        ["tag"] = "/meta/tag-name",
        ["comment"] = "/meta/comment",
        ["reason"] = "/meta/comment",
        ["status"] = "/meta/status",
        ["action"] = "/meta/status",
        ["assignee"] = "/meta/user-email-address",
        ["template"] = "/data/attributes/case-template-id",
        ["creator"] = "/data/attributes/creator-email-address",
        ["case_queue"] = "/data/attributes/case-queue-id",
        ["sla_expires_in"] = "/meta/sla-expires-in-seconds",
        ["case"] = "/data",
        ["attributes"] = "/data/attributes",
        ["query"] = "/query",
        ["sort"] = "/sort",
        ["page"] = "/page",
        ["data"] = "/data",
        ["meta"] = "/meta",
    };

    public static IReadOnlyList<ApiError> From(DomainException e, HttpRequest request) => e switch
    {
        NotFoundException => [new(404, e.Message)],
        ForbiddenException => [new(403, e.Message)],
        ConflictException => [new(409, e.Message)],
        InputException input => input.Problems.Select(p => Locate(e is MalformedInputException ? 400 : 422, p, request)).ToList(),
        _ => [new(400, e.Message)],
    };

    public static IResult Result(IReadOnlyList<ApiError> errors) => new ApiResult(errors.Max(x => x.Status), Document(errors));

    public static IResult Result(int status, string details, string? pointer = null, string? parameter = null) =>
        Result([new ApiError(status, details, pointer, parameter)]);

    public static Task WriteAsync(HttpContext context, int status, string details) =>
        Result(status, details).ExecuteAsync(context);

    public static JsonObject Document(IEnumerable<ApiError> errors) => new()
    {
        ["errors"] = new JsonArray(errors.Select(e =>
        {
            var o = new JsonObject { ["status"] = e.Status.ToString(), ["title"] = e.Title, ["details"] = e.Details };
            if (e.Pointer is not null) o["source"] = new JsonObject { ["pointer"] = e.Pointer };
            else if (e.Parameter is not null) o["source"] = new JsonObject { ["parameter"] = e.Parameter };
            return (JsonNode)o;
        }).ToArray()),
    };

    private static ApiError Locate(int status, Problem p, HttpRequest request)
    {
        if (p.Path.StartsWith('?')) return new(status, p.Message, Parameter: p.Path[1..]);
        if (p.Path.StartsWith('/')) return new(status, p.Message, Pointer: IndexOrMember().Replace(p.Path, m => "/" + m.Value.Trim('.', '[', ']')));
        if (p.Path.Length == 0) return new(status, p.Message, Pointer: HttpMethods.IsGet(request.Method) ? null : "");
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsDelete(request.Method)) return new(status, p.Message, Parameter: Parameter(p.Path));
        return new(status, p.Message, Pointer: Pointer(p.Path));
    }

    /// <summary><c>fields.verdict</c> → <c>/data/attributes/fields/verdict</c>; <c>object_ids[1]</c> → <c>/meta/object-ids/1</c>.</summary>
    public static string Pointer(string path)
    {
        var segments = Segments().Matches(path).Select(m => m.Value.Trim('[', ']', '.')).Where(s => s.Length > 0).ToList();
        var head = segments[0];
        var known = Members.TryGetValue(head, out var prefix);
        var rest = segments.Skip(known ? 1 : 0).Select((s, i) =>
            head == "fields" ? s : s == "json" && head == "external_data" ? "document" : KeyInflection.ToKebab(s));
        return (known ? prefix : "/data/attributes") + string.Concat(rest.Select(s => "/" + s));
    }

    /// <summary><c>page.size</c> → <c>page[size]</c>; <c>filter[status].value</c> → <c>filter[status]</c>.</summary>
    private static string Parameter(string path)
    {
        var head = path.Split('.')[0];
        if (head.Contains('[')) return head;
        var parts = path.Split('.');
        return parts.Length > 1 ? $"{parts[0]}[{KeyInflection.ToKebab(parts[1].Split('[')[0])}]" : KeyInflection.ToKebab(head);
    }

    [GeneratedRegex(@"\.[^./\[]+|\[\d+\]")]
    private static partial Regex IndexOrMember();

    [GeneratedRegex(@"[^.\[\]]+|\[\d+\]")]
    private static partial Regex Segments();
}
