using System.Security.Cryptography;
using System.Text;
using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Api;

/// <summary>What to do with a POST that carries an <c>Idempotency-Key</c>.</summary>
public abstract record IdempotencyDecision
{
    /// <summary>First time: handle it, then <see cref="IdempotencyStore.CompleteAsync"/>.</summary>
    public sealed record Proceed : IdempotencyDecision;
    public sealed record Replay(IdempotencyRecord Record) : IdempotencyDecision;
    /// <summary>The key was used with another request.</summary>
    public sealed record Mismatch : IdempotencyDecision;
    /// <summary>The first request with the key is still being handled.</summary>
    public sealed record InProgress : IdempotencyDecision;
}

/// <summary>
/// The responses kept per (API key, Idempotency-Key): a request first claims the key (a row marked in progress, unique, so two
/// concurrent retries cannot both run), then stores its status and body. Rows older than the retention are ignored and pruned.
/// A claim left in progress by a crash is taken over after <see cref="AbandonedAfter"/>.
/// </summary>
public sealed class IdempotencyStore(CasesStore store, TimeProvider clock, IOptions<ApiOptions> options)
{
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;
    private TimeSpan Retention => TimeSpan.FromHours(options.Value.IdempotencyRetentionHours);

    public static string HashOf(string method, string pathAndQuery, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method} {pathAndQuery}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public async Task<IdempotencyDecision> BeginAsync(int apiKeyId, string key, string requestHash, CancellationToken ct = default)
    {
        await PruneIfDueAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await store.WriteAsync<IdempotencyDecision>(async db =>
        {
            var row = await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, ct);
            var stale = row is not null && (now - row.CreatedAt > Retention || row.StatusCode == 0 && now - row.CreatedAt > AbandonedAfter);
            if (row is not null && !stale)
                return row.RequestHash != requestHash ? new IdempotencyDecision.Mismatch()
                    : row.StatusCode == 0 ? new IdempotencyDecision.InProgress() : new IdempotencyDecision.Replay(row);
            if (row is not null) db.IdempotencyRecords.Remove(row);
            await db.SaveChangesAsync(ct);
            db.IdempotencyRecords.Add(new IdempotencyRecord { ApiKeyId = apiKeyId, Key = key, RequestHash = requestHash, CreatedAt = now });
            return new IdempotencyDecision.Proceed();
        }, ct);
    }

    public Task CompleteAsync(int apiKeyId, string key, int status, string? contentType, byte[] body) =>
        store.WriteAsync(db => db.IdempotencyRecords.Where(r => r.ApiKeyId == apiKeyId && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, status).SetProperty(r => r.ContentType, contentType).SetProperty(r => r.Body, body)));

    /// <summary>Forgets the claim (a server error): a retry with the key runs again.</summary>
    public Task ReleaseAsync(int apiKeyId, string key) =>
        store.WriteAsync(db => db.IdempotencyRecords.Where(r => r.ApiKeyId == apiKeyId && r.Key == key && r.StatusCode == 0).ExecuteDeleteAsync());

    private async Task PruneIfDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - lastPrune < PruneEvery) return;
        lastPrune = now;
        var cutoff = now.UtcDateTime - Retention;
        await store.WriteAsync(db => db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct), ct);
    }
}

/// <summary>What a retry with the same <c>Idempotency-Key</c> is answered with, when it must differ from the first answer (no secret in it).</summary>
public sealed record IdempotentReplayBody(byte[] Body);

/// <summary>
/// <c>Idempotency-Key</c> on POST: the first response (success or 4xx) is stored and replayed for a retry with the same key
/// and the same request; the key with another request is refused (422), and while the first is still running a retry gets 409.
/// Runs after authentication and rate limiting, so 401 and 429 are never stored; a 5xx is not stored either, so it can be retried.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore records)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0
            || context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is not { } keyClaim)
        {
            await next(context);
            return;
        }
        if (key.Length > 255)
        {
            await ApiErrors.WriteAsync(context, 400, "An Idempotency-Key is at most 255 characters.");
            return;
        }
        var apiKeyId = int.Parse(keyClaim);
        var body = context.Features.Get<ApiRequestFeature>()?.Body ?? [];
        var hash = IdempotencyStore.HashOf(context.Request.Method, $"{context.Request.Path}{context.Request.QueryString}", body);
        switch (await records.BeginAsync(apiKeyId, key, hash, context.RequestAborted))
        {
            case IdempotencyDecision.Replay(var record):
                context.Response.StatusCode = record.StatusCode;
                context.Response.ContentType = record.ContentType;
                context.Response.Headers["Idempotent-Replayed"] = "true";
                await context.Response.Body.WriteAsync(record.Body, context.RequestAborted);
                return;
            case IdempotencyDecision.Mismatch:
                await ApiErrors.WriteAsync(context, 422, $"Idempotency-Key '{key}' was already used with a different request; use a new key for a new request.");
                return;
            case IdempotencyDecision.InProgress:
                await ApiErrors.WriteAsync(context, 409, $"A request with Idempotency-Key '{key}' is still being handled; retry in a moment.");
                return;
        }

        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            await records.ReleaseAsync(apiKeyId, key);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }
        if (context.Response.StatusCode >= 500) await records.ReleaseAsync(apiKeyId, key);
        else await records.CompleteAsync(apiKeyId, key, context.Response.StatusCode, context.Response.ContentType,
            context.Features.Get<IdempotentReplayBody>()?.Body ?? captured.ToArray());
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }
}
