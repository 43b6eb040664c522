using System.Text.Json;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// A condition over cases, as the API's search sends it: leaves <c>{attribute, operator, value}</c> combined with and / or / not.
/// Each node carries the path it came from (<c>query.and[1]</c>), so a refusal names it.
/// </summary>
public abstract record CasePredicate(string Path);

public sealed record AllOf(IReadOnlyList<CasePredicate> Items, string Path) : CasePredicate(Path);

public sealed record AnyOf(IReadOnlyList<CasePredicate> Items, string Path) : CasePredicate(Path);

public sealed record NotOf(CasePredicate Inner, string Path) : CasePredicate(Path);

/// <summary>
/// One test: <paramref name="Attribute"/> (snake_case, or <c>fields.&lt;key&gt;</c>), an operator, a JSON value. On a linked-object
/// attribute (<c>transactions.amount</c>) <paramref name="Quantifier"/> says whether some linked object of the kind must pass
/// (<c>any</c>, the default) or every one (<c>all</c>; true when there is none — pair it with <c>transactions.count</c>). On external
/// data (<c>external.&lt;document name&gt;</c>) <paramref name="JsonPath"/> is where in the newest document of that name to look.
/// </summary>
public sealed record Condition(string Attribute, string Operator, JsonElement Value, string Path, string? Quantifier = null, string? JsonPath = null)
    : CasePredicate(Path)
{
    public static readonly IReadOnlyList<string> Quantifiers = ["any", "all"];
}

public enum CaseSortKey { CreatedAt, UpdatedAt, SlaExpiresAt }

/// <summary>What to list: a condition, an order (always ending on the case id, so it is total) and a cursor page.</summary>
public sealed record CaseSearch
{
    public const int MaxPageSize = 100;
    public CasePredicate? Query { get; init; }
    public CaseSortKey Sort { get; init; } = CaseSortKey.CreatedAt;
    public bool Descending { get; init; } = true;
    public int PageSize { get; init; } = 10;
    /// <summary>A case id: the page holds the cases that come after it in this order.</summary>
    public string? After { get; init; }
    /// <summary>A case id: the page holds the cases that come just before it in this order.</summary>
    public string? Before { get; init; }
}

/// <summary>One page of cases; <see cref="Prev"/> and <see cref="Next"/> are the cursors of the neighbouring pages (null: none).</summary>
public sealed record CaseSlice(IReadOnlyList<CaseRecord> Cases, string? Prev, string? Next);

/// <summary>
/// A case as the API and webhooks show it: the row, its template key, tags, linked object ids and the ids of its comments and
/// external documents (their content is read on request).
/// </summary>
public sealed record CaseRecord(Case Case, string TemplateKey, IReadOnlyList<string> Tags, IReadOnlyList<string> ObjectIds,
    IReadOnlyList<long> CommentIds, IReadOnlyList<long> DocumentIds)
{
    /// <summary>The public id of the case's queue (null: none).</summary>
    public string? QueueId { get; init; }

    public JsonElement Fields => JsonDocument.Parse(Case.FieldsJson).RootElement;
}
