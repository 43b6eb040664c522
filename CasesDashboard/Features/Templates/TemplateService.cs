using System.Collections.Concurrent;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Templates;

public sealed record TemplateSummary(int Id, string Key, string Name, int CurrentVersion, bool Archived, TemplateDefinition Definition);

public enum ImportOutcome { Created, NewVersion, Unchanged }

public sealed record TemplateImportResult(string Key, int Version, ImportOutcome Outcome);

/// <summary>Reads and imports case templates. Published versions are immutable, so their definitions are cached.</summary>
public sealed class TemplateService
{
    private const string ChangedKind = "templates-changed";
    private readonly CasesStore store;
    private readonly TimeProvider clock;
    private readonly ClusterBus? bus;

    public TemplateService(CasesStore store, TimeProvider clock, ClusterBus? bus = null)
    {
        (this.store, this.clock, this.bus) = (store, clock, bus);
        if (bus is not null) bus.Received += m => { if (m.Kind is ChangedKind or ClusterBus.Resync) Forget(); return Task.CompletedTask; };
    }

    private readonly ConcurrentDictionary<(int TemplateId, int Version), TemplateDefinition> definitions = new();
    private sealed record CachedList(long Generation, IReadOnlyList<TemplateSummary> Summaries);
    private volatile CachedList? summaries;
    private long generation;

    /// <summary>
    /// Forgets the cached template list (after a publish or an archive). A load that overlapped this call may still store
    /// its result, but under the old generation, so it is never served. One process: see ADR 004 for scale-out.
    /// </summary>
    public void Invalidate()
    {
        Forget();
        if (bus is not null) _ = bus.BroadcastAsync(ChangedKind, "");
    }

    /// <summary>Forgets the list here only (another instance changed it, or this one reconnected and may have missed that).</summary>
    public void Forget() => Interlocked.Increment(ref generation);

    public async Task<TemplateDefinition> GetDefinitionAsync(int templateId, int version, CancellationToken ct = default)
    {
        if (definitions.TryGetValue((templateId, version), out var cached)) return cached;
        await using var db = await store.ReadAsync(ct);
        var json = await db.CaseTemplateVersions.AsNoTracking()
            .Where(v => v.CaseTemplateId == templateId && v.Version == version)
            .Select(v => v.DefinitionJson).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Template version", $"{templateId}/v{version}");
        return definitions.GetOrAdd((templateId, version), Json.Deserialize<TemplateDefinition>(json));
    }

    /// <summary>The published templates with their current definitions; cached, as every grid and case page needs them.</summary>
    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(CancellationToken ct = default)
    {
        var current = Interlocked.Read(ref generation);
        if (summaries is { } cached && cached.Generation == current) return cached.Summaries;
        await using var db = await store.ReadAsync(ct);
        var templates = await db.CaseTemplates.AsNoTracking().Where(t => t.CurrentVersion > 0).OrderBy(t => t.Name).ToListAsync(ct);
        var result = new List<TemplateSummary>(templates.Count);
        foreach (var t in templates)
            result.Add(new(t.Id, t.Key, t.Name, t.CurrentVersion, t.Archived, await GetDefinitionAsync(t.Id, t.CurrentVersion, ct)));
        summaries = new CachedList(current, result);
        return result;
    }

    public async Task<TemplateSummary> GetByKeyAsync(string key, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(t => t.Key == key) ?? throw new NotFoundException("Template", key);

    /// <summary>
    /// Imports a definition in the seed-data/ format: creates the template, publishes a new version when the
    /// definition differs from the current one, or does nothing when it is the same. Invalid input is refused whole.
    /// </summary>
    public Task<TemplateImportResult> ImportAsync(TemplateDefinition definition, Actor actor, CancellationToken ct = default) =>
        WriteAndInvalidateAsync(db => PublishInAsync(db, definition, actor, ct), ct);

    /// <summary>
    /// Publishes <paramref name="definition"/> inside the caller's write transaction (the editor publishes and drops its draft
    /// in one): a new version when it differs from the current one, nothing when it is the same. Call <see cref="Invalidate"/> after.
    /// </summary>
    internal async Task<TemplateImportResult> PublishInAsync(CasesDbContext db, TemplateDefinition definition, Actor actor, CancellationToken ct,
        string? detail = null)
    {
        TemplateValidator.ThrowIfInvalid(definition);
        var json = Json.Serialize(definition);
        var now = clock.GetUtcNow().UtcDateTime;
        var template = await db.CaseTemplates.SingleOrDefaultAsync(t => t.Key == definition.Key, ct);
        if (template is { CurrentVersion: > 0 })
        {
            var current = await db.CaseTemplateVersions
                .SingleAsync(v => v.CaseTemplateId == template.Id && v.Version == template.CurrentVersion, ct);
            if (current.DefinitionJson == json) return new TemplateImportResult(template.Key, template.CurrentVersion, ImportOutcome.Unchanged);
        }
        var outcome = template is { CurrentVersion: > 0 } ? ImportOutcome.NewVersion : ImportOutcome.Created;
        template ??= db.CaseTemplates.Add(new CaseTemplate { Key = definition.Key, CreatedAt = now }).Entity;
        template.Name = definition.Name;
        template.CurrentVersion++;
        template.Touch();
        template.Versions.Add(new CaseTemplateVersion
        {
            Version = template.CurrentVersion, DefinitionJson = json, PublishedAt = now, PublishedBy = actor.Name,
        });
        db.AuditEvents.Add(AuditEvent.By(actor, now, "template.published", subject: $"template:{definition.Key}",
            field: "version", newValue: template.CurrentVersion.ToString(), detail: detail ?? outcome.ToString().ToLowerInvariant()));
        return new TemplateImportResult(template.Key, template.CurrentVersion, outcome);
    }

    private async Task<T> WriteAndInvalidateAsync<T>(Func<CasesDbContext, Task<T>> work, CancellationToken ct)
    {
        try { return await store.WriteAsync(work, ct); }
        finally { Invalidate(); }
    }
}
