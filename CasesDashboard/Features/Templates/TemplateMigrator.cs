using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Templates;

public sealed record MigrationRefusal(string CaseId, string CaseName, int FromVersion, string Reason);

public sealed record MigrationReport(string TemplateKey, int ToVersion, int Moved, IReadOnlyList<MigrationRefusal> Refused);

/// <summary>
/// Moves cases created on older versions of a template to its current version, in batches. A case that cannot move
/// (its status no longer exists or changed type, or it is resolved without a field the new version requires) stays
/// where it is and is reported with the reason. Each move is audited on the case and published.
/// </summary>
public sealed class TemplateMigrator(CasesStore store, TemplateService templates, CaseEvents events, TimeProvider clock, Queues.QueueRouter router, Sla.SlaRules sla)
{
    private const int BatchSize = 500;

    /// <summary>How many cases of the template sit on each version.</summary>
    public async Task<MigrationReport> MigrateAsync(string key, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsLead) throw new ForbiddenException("Only leads and admins can migrate cases to a new template version.");
        var template = await templates.GetByKeyAsync(key, ct);
        var target = template.Definition;
        var refused = new List<MigrationRefusal>();
        var moved = 0;
        long after = 0;
        while (true)
        {
            // Refusals are collected per attempt and kept only once the batch commits (a retried write must not repeat them).
            var (changes, batchRefused, last, count) = await store.WriteAsync(async db =>
            {
                var refusedHere = new List<MigrationRefusal>();
                var batch = await db.Cases.Where(c => c.TemplateId == template.Id && c.TemplateVersion < template.CurrentVersion && c.Id > after)
                    .OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
                var now = clock.GetUtcNow().UtcDateTime;
                var policies = await db.SlaPolicies.AsNoTracking().Where(p => p.TemplateId == template.Id).ToListAsync(ct);
                var published = new List<CaseChanged>();
                var migrated = new List<Case>();
                foreach (var c in batch)
                {
                    var reason = WhyNot(c, target);
                    if (reason is not null) { refusedHere.Add(new(c.PublicId, c.Name, c.TemplateVersion, reason)); continue; }
                    var from = c.TemplateVersion;
                    (c.TemplateVersion, c.StatusType, c.UpdatedAt, c.UpdatedByName, c.UpdaterType, c.UpdaterId) = (template.CurrentVersion, target.FindStatus(c.Status)!.Type, now, actor.Name, actor.Type, actor.Id);
                    c.Version++;
                    var e = AuditEvent.By(actor, now, CaseEventTypes.Updated, c.Id,
                        field: "template_version", oldValue: from.ToString(), newValue: template.CurrentVersion.ToString());
                    e.CaseVersion = c.Version;
                    db.AuditEvents.Add(e);
                    published.Add(new CaseChanged(c.PublicId, c.Name, CaseEventTypes.Updated, actor.Type, actor.Id, actor.Name, now, c.Version,
                        [new CaseChange("template_version", from.ToString(), template.CurrentVersion.ToString())]));
                    migrated.Add(c);
                }
                // A new version can change what the queues' conditions see (statuses, fields): route the moved cases again.
                await db.SaveChangesAsync(ct);
                var queueMoves = await router.RouteAsync(db, migrated, actor, now, ct);
                // The new version's statuses (and the queue it was routed to) may pause, resume or re-time the SLA clock.
                foreach (var c in migrated)
                    Sla.SlaClock.Retime(c, Sla.SlaTerms.Choose(policies, target, c.Priority, Sla.SlaPolicyService.QueueOf(c)), now, sla.AtRiskWindow);
                published = published.Select((p, i) => queueMoves.TryGetValue(migrated[i].Id, out var move) ? p with { Changes = [.. p.Changes, move] } : p).ToList();
                return (published, refusedHere, batch.Count == 0 ? after : batch[^1].Id, batch.Count);
            }, ct);
            refused.AddRange(batchRefused);
            foreach (var change in changes) await store.AfterCommitAsync(() => events.PublishAsync(change));
            moved += changes.Count;
            if (count < BatchSize) break;
            after = last;
        }
        if (moved + refused.Count > 0)
            await store.WriteAsync(db =>
            {
                db.AuditEvents.Add(AuditEvent.By(actor, clock.GetUtcNow().UtcDateTime, "template.migrated", subject: $"template:{key}",
                    field: "version", newValue: template.CurrentVersion.ToString(), detail: $"{moved:N0} moved, {refused.Count:N0} could not move"));
                return Task.FromResult(0);
            }, ct);
        return new MigrationReport(key, template.CurrentVersion, moved, refused);
    }

    private static string? WhyNot(Case c, TemplateDefinition target)
    {
        var status = target.FindStatus(c.Status);
        if (status is null) return $"Its status '{c.Status}' no longer exists.";
        if (status.Type != c.StatusType) return $"Its status '{status.Label}' is now of type {status.Type.ToString().ToLowerInvariant()} (was {c.StatusType.ToString().ToLowerInvariant()}).";
        var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(c.FieldsJson) ?? [];
        var misfit = target.Fields.Where(f => !f.Retired && fields.ContainsKey(f.Key))
            .Select(f => (Field: f, Why: FieldValues.Validate(f, fields[f.Key]))).FirstOrDefault(x => x.Why is not null);
        if (misfit.Why is not null)
            return $"Its {misfit.Field.Label} value {FieldValues.Raw(fields[misfit.Field.Key])} no longer fits: it {misfit.Why}";
        if (c.StatusType != StatusType.End) return null;
        var missing = target.RequiredToResolve.Where(f => !FieldValues.IsFilled(fields.TryGetValue(f.Key, out var v) ? v : null))
            .Select(f => f.Label).ToList();
        return missing.Count == 0 ? null : $"It is resolved without {string.Join(", ", missing)}, which the new version requires.";
    }
}
