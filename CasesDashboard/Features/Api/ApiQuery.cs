using System.Globalization;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Api;

/// <summary>
/// The query string of an API request: <c>include</c>, sparse fieldsets <c>fields[type]=a,b</c>, <c>filter[…]</c> and
/// <c>page[…]</c>, names in any inflection. A parameter the endpoint does not take is refused (400), named as it was sent.
/// </summary>
public sealed class ApiQuery
{
    public IReadOnlySet<string> Include { get; private init; } = new HashSet<string>();
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Fieldsets { get; private init; } = new Dictionary<string, IReadOnlySet<string>>();
    public IReadOnlyDictionary<string, string> Filters { get; private init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Page { get; private init; } = new Dictionary<string, string>();

    public static ApiQuery Parse(HttpRequest request, string[]? includes = null, string[]? filters = null, bool paged = false)
    {
        var problems = new List<Problem>();
        var include = new HashSet<string>();
        var fieldsets = new Dictionary<string, IReadOnlySet<string>>();
        var filter = new Dictionary<string, string>();
        var page = new Dictionary<string, string>();
        foreach (var (rawName, values) in request.Query)
        {
            var value = values.ToString();
            var (family, member) = Split(rawName);
            switch (family)
            {
                case "include" when member is null && includes is not null:
                    foreach (var item in List(value))
                        if (includes.Contains(item)) include.Add(item);
                        else problems.Add(new($"?{rawName}", $"'{item}' cannot be included here; use {string.Join(", ", includes)}."));
                    break;
                case "fields" when member is not null:
                    fieldsets[member] = List(value).ToHashSet();
                    break;
                case "filter" when member is not null && filters is not null:
                    if (filters.Contains(member)) filter[member] = value;
                    else problems.Add(new($"?{rawName}", $"'{member}' is not a filter here; use {string.Join(", ", filters)}."));
                    break;
                case "page" when member is "size" or "after" or "before" && paged:
                    page[member] = value;
                    break;
                default:
                    problems.Add(new($"?{rawName}", $"'{rawName}' is not a parameter of this endpoint."));
                    break;
            }
        }
        if (problems.Count > 0) throw new MalformedInputException(problems);
        return new ApiQuery { Include = include, Fieldsets = fieldsets, Filters = filter, Page = page };
    }

    /// <summary>page[size] (1 to <paramref name="max"/>, default 10) as given; out of range is left to the service to refuse.</summary>
    public int PageSize()
    {
        if (!Page.TryGetValue("size", out var s)) return 10;
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : throw new MalformedInputException("?page[size]", $"page[size] is a whole number (got '{s}').");
    }

    public string? PageAfter => Page.GetValueOrDefault("after");
    public string? PageBefore => Page.GetValueOrDefault("before");

    /// <summary>The attributes to show of resources of <paramref name="type"/> (null: all), refusing unknown names.</summary>
    public IReadOnlySet<string>? FieldsOf(string type, IEnumerable<string> known)
    {
        if (!Fieldsets.TryGetValue(type, out var wanted)) return null;
        var names = known.ToHashSet();
        var unknown = wanted.Where(w => !names.Contains(w)).ToList();
        if (unknown.Count > 0)
            throw new MalformedInputException($"?fields[{type}]", $"{type} has no attribute {string.Join(", ", unknown)}; use {string.Join(", ", names)}.");
        return wanted;
    }

    private static (string Family, string? Member) Split(string name)
    {
        var open = name.IndexOf('[');
        if (open < 0 || !name.EndsWith(']')) return (KeyInflection.ToKebab(name), null);
        return (KeyInflection.ToKebab(name[..open]), KeyInflection.ToKebab(name[(open + 1)..^1]));
    }

    private static IEnumerable<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(KeyInflection.ToKebab);
}
