namespace CasesDashboard.Features.Api;

/// <summary>Limits of the Cases API (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The largest request body; a larger one is answered 413 before it is read further.</summary>
    public int MaxBodyBytes { get; set; } = 1_048_576;
    /// <summary>Requests each API key may make per <see cref="RateLimitWindowSeconds"/>.</summary>
    public int RateLimitPermits { get; set; } = 300;
    public int RateLimitWindowSeconds { get; set; } = 60;
    /// <summary>How long a response kept for an <c>Idempotency-Key</c> is replayed before it is pruned.</summary>
    public int IdempotencyRetentionHours { get; set; } = 24;
}
