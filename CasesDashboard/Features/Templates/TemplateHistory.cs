using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Templates;

public sealed record TemplateVersionInfo(int Version, DateTime PublishedAt, string PublishedBy, int Cases);

/// <summary>One audited step on a template, worded for people: who did what, when.</summary>
public sealed record TemplateHistoryEntry(DateTime At, string ActorName, string Type, string What)
{
    public static TemplateHistoryEntry From(AuditEvent e) => new(e.At, e.ActorName, e.Type, e.Type switch
    {
        "template.created" => "Created the template",
        "template.copied" => $"Created the template as a copy {e.Detail}",
        "template.draft-saved" => $"Saved the {e.Field}{(string.IsNullOrEmpty(e.Detail) ? " (no changes)" : $" — changed {e.Detail}")}",
        "template.draft-discarded" => $"Discarded the {e.Field}",
        "template.published" => $"Published v{e.NewValue}" + (e.Detail?.StartsWith("changed ") == true ? $" — {e.Detail}" : ""),
        "template.migrated" => $"Migrated cases to v{e.NewValue}: {e.Detail}",
        "template.archived" => "Archived the template",
        "template.restored" => "Restored the template",
        _ => $"{e.Type} {e.Field} {e.Detail}".Trim(),
    });
}

/// <summary>What happened to a template: its published versions (with how many cases use each) and every audited step.</summary>
public sealed class TemplateHistory(CasesStore store)
{
    public const int MaxEntries = 200;

    public async Task<IReadOnlyList<TemplateVersionInfo>> VersionsAsync(string key, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var t = await db.CaseTemplates.AsNoTracking().SingleOrDefaultAsync(x => x.Key == key, ct) ?? throw new Common.NotFoundException("Template", key);
        var cases = await db.Cases.Where(c => c.TemplateId == t.Id).GroupBy(c => c.TemplateVersion)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return (await db.CaseTemplateVersions.AsNoTracking().Where(v => v.CaseTemplateId == t.Id).OrderByDescending(v => v.Version)
                .Select(v => new { v.Version, v.PublishedAt, v.PublishedBy }).ToListAsync(ct))
            .Select(v => new TemplateVersionInfo(v.Version, v.PublishedAt, v.PublishedBy, cases.GetValueOrDefault(v.Version))).ToList();
    }

    /// <summary>The latest <see cref="MaxEntries"/> audited steps, newest first.</summary>
    public async Task<IReadOnlyList<TemplateHistoryEntry>> EntriesAsync(string key, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var subject = $"template:{key}";
        return (await db.AuditEvents.AsNoTracking().Where(e => e.Subject == subject).OrderByDescending(e => e.Id).Take(MaxEntries).ToListAsync(ct))
            .Select(TemplateHistoryEntry.From).ToList();
    }
}
