namespace CasesDashboard.Features.Api;

/// <summary>
/// A key a system uses to call the API. Only the SHA-256 hash of the secret is stored, with a short visible prefix so an
/// admin can tell keys apart. The key acts with exactly its role, as a person with that role would.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    /// <summary>The key's public id (<c>key_…</c>): the actor id on the timeline and the subject of its audit events.</summary>
    public string PublicId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>The first characters of the secret, shown in lists (<c>pk_live_AbC1…</c>).</summary>
    public string Prefix { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public string Hash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

/// <summary>
/// The first response to a POST sent with an <c>Idempotency-Key</c>, replayed for a retry with the same key and body.
/// <see cref="StatusCode"/> 0 marks a request still being handled.
/// </summary>
public sealed class IdempotencyRecord
{
    public int ApiKeyId { get; set; }
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[] Body { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}
