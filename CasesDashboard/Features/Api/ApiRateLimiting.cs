using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Api;

/// <summary>
/// Per-key rate limits with ASP.NET Core's rate limiter: a fixed window of <see cref="ApiOptions.RateLimitPermits"/> requests per
/// <see cref="ApiOptions.RateLimitWindowSeconds"/> for each API key. Every answer carries <c>RateLimit-Limit</c>,
/// <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (seconds); past the limit a 429 error document with <c>Retry-After</c>.
/// </summary>
public sealed class ApiRateLimitPolicy(IOptions<ApiOptions> options, TimeProvider clock) : IRateLimiterPolicy<string>
{
    public const string Name = "api-key";
    private readonly ConcurrentDictionary<string, (FixedWindowRateLimiter Limiter, DateTimeOffset Started)> windows = new();
    private ApiOptions Options => options.Value;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(Options.RateLimitWindowSeconds);
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        var headers = context.HttpContext.Response.Headers;
        headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Limit"] = Options.RateLimitPermits.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = "0";
        headers["RateLimit-Reset"] = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiErrors.WriteAsync(context.HttpContext, 429,
            $"This API key made more than {Options.RateLimitPermits} requests in {Options.RateLimitWindowSeconds} s; retry after {seconds} s.");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var key = httpContext.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
        if (key is null) return RateLimitPartition.GetNoLimiter("anonymous");
        httpContext.Response.OnStarting(() => AddHeaders(httpContext, key));
        return RateLimitPartition.Get(key, k => windows.GetOrAdd(k, _ => (new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = Options.RateLimitPermits, Window = TimeSpan.FromSeconds(Options.RateLimitWindowSeconds), QueueLimit = 0, AutoReplenishment = true,
        }), clock.GetUtcNow())).Limiter);
    }

    private Task AddHeaders(HttpContext context, string key)
    {
        var headers = context.Response.Headers;
        if (headers.ContainsKey("RateLimit-Limit") || !windows.TryGetValue(key, out var w)) return Task.CompletedTask;
        var window = TimeSpan.FromSeconds(Options.RateLimitWindowSeconds);
        var into = (clock.GetUtcNow() - w.Started).Ticks % window.Ticks;
        headers["RateLimit-Limit"] = Options.RateLimitPermits.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = (w.Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = Math.Max(1, (int)Math.Ceiling(TimeSpan.FromTicks(window.Ticks - into).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }
}
