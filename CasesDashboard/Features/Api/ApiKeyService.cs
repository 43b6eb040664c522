using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Api;

public sealed record ApiKeyInfo(string Id, string Name, string Role, string Prefix, DateTime CreatedAt, string CreatedBy,
    DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>A new key: its description and the secret, shown this once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);

/// <summary>
/// API keys: created by admins (or the <c>api-keys create</c> verb) with one role, stored as a SHA-256 hash and a short prefix,
/// revoked for good, each step audited with <c>api-key:&lt;id&gt;</c> as the subject. <see cref="AuthenticateAsync"/> turns a
/// presented secret into the key's actor; its last use is written at most once a minute.
/// </summary>
public sealed class ApiKeyService(CasesStore store, TimeProvider clock)
{
    public const string SecretPrefix = "pk_live_";
    private const int SecretLength = 44; // base58: 44 × 5.86 bits ≈ 258 bits of entropy
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset At)> cache = new();

    public async Task<CreatedApiKey> CreateAsync(string name, string role, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins can create API keys.");
        var problems = new List<Problem>();
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 100) problems.Add(new("name", "A key's name is 1-100 characters (say which system uses it)."));
        var canonical = Roles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (canonical is null) problems.Add(new("role", $"The role is one of {string.Join(", ", Roles.All)}."));
        if (problems.Count > 0) throw new ValidationException(problems);

        var secret = SecretPrefix + RandomNumberGenerator.GetString(PublicIds.Alphabet, SecretLength);
        var now = clock.GetUtcNow().UtcDateTime;
        var key = new ApiKey
        {
            PublicId = PublicIds.New("key_"), Name = name, Role = canonical!, Prefix = secret[..(SecretPrefix.Length + 4)], Hash = HashOf(secret),
            CreatedAt = now, CreatedBy = actor.Name,
        };
        await store.WriteAsync(async db =>
        {
            db.ApiKeys.Add(key);
            db.AuditEvents.Add(AuditEvent.By(actor, now, "api-key.created", subject: Subject(key), field: "role", newValue: key.Role, detail: key.Name));
            await db.SaveChangesAsync(ct);
            return key.Id;
        }, ct);
        return new CreatedApiKey(Info(key), secret);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins can see API keys.");
        await using var db = await store.ReadAsync(ct);
        return (await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.Id).ToListAsync(ct)).Select(Info).ToList();
    }

    /// <summary>Revokes the key for good: from this moment (on this instance; within seconds on others) it authenticates nothing.</summary>
    public async Task RevokeAsync(string keyId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins can revoke API keys.");
        var now = clock.GetUtcNow().UtcDateTime;
        await store.WriteAsync(async db =>
        {
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.PublicId == keyId, ct) ?? throw new NotFoundException("API key", keyId);
            if (key.RevokedAt is not null) return 0;
            (key.RevokedAt, key.RevokedBy) = (now, actor.Name);
            db.AuditEvents.Add(AuditEvent.By(actor, now, "api-key.revoked", subject: Subject(key), field: "revoked_at", newValue: now.ToString("O"), detail: key.Name));
            return 0;
        }, ct);
        cache.Clear();
    }

    /// <summary>The actor a presented secret stands for, or null when no live key has it.</summary>
    public async Task<(Actor Actor, int KeyId)?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = HashOf(secret);
        var now = clock.GetUtcNow();
        if (!cache.TryGetValue(hash, out var hit) || now - hit.At > CacheLifetime)
        {
            await using var db = await store.ReadAsync(ct);
            hit = (await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash, ct), now);
            cache[hash] = hit;
        }
        if (hit.Key is not { RevokedAt: null } key) return null;
        if (key.LastUsedAt is not { } used || now.UtcDateTime - used >= LastUsedResolution)
        {
            key.LastUsedAt = now.UtcDateTime;
            await store.WriteAsync(db => db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now.UtcDateTime), ct), ct);
        }
        return (ActorOf(key), key.Id);
    }

    public static Actor ActorOf(ApiKey key) => new(ActorType.ApiKey, key.PublicId, key.Name, new HashSet<string> { key.Role });

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Subject(ApiKey key) => $"api-key:{key.PublicId}";

    private static ApiKeyInfo Info(ApiKey k) => new(k.PublicId, k.Name, k.Role, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt, k.RevokedBy);
}
