using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Api;

/// <summary>Small readings of an API request shared by the endpoint groups.</summary>
public static class ApiHttp
{
    public static Actor Actor(this HttpContext http) => Security.Actor.FromPrincipal(http.User);

    /// <summary>
    /// The case version the caller read, from <c>If-Match: "3"</c> (the ETag of a case response; <c>W/"3"</c> and <c>3</c> too).
    /// Without it a change applies to the current version.
    /// </summary>
    public static long? ExpectedVersion(this HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) return null;
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return long.TryParse(value.Trim('"'), out var v) && v > 0 ? v
            : throw new MalformedInputException("?If-Match", $"If-Match is the case version from its ETag or meta.version, such as \"3\" (got '{header}').");
    }

    /// <summary>This request's URL with one page cursor set (and the other one and no size dropped).</summary>
    public static string PageLink(this HttpRequest request, string direction, string cursor)
    {
        var query = request.Query.Where(q => !q.Key.StartsWith("page[after", StringComparison.OrdinalIgnoreCase)
                && !q.Key.StartsWith("page[before", StringComparison.OrdinalIgnoreCase))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"{Uri.EscapeDataString($"page[{direction}]")}={Uri.EscapeDataString(cursor)}");
        return $"{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }
}
