using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Sla;

/// <summary>What an admin sets on an SLA policy.</summary>
public sealed record SlaPolicyInput(string TemplateKey, SlaTarget Resolution, CasePriority? Priority = null, int? QueueId = null,
    SlaTarget? FirstAssignment = null, BusinessCalendar? Calendar = null, IReadOnlyList<string>? PauseStatuses = null);

public sealed record SlaPolicyView(int Id, string TemplateKey, CasePriority? Priority, int? QueueId, SlaTarget Resolution,
    SlaTarget? FirstAssignment, BusinessCalendar? Calendar, IReadOnlyList<string> PauseStatuses, long Version);

/// <summary>
/// SLA policies: saved (admins), checked field by field, audited (<c>sla-policy.saved</c> / <c>sla-policy.deleted</c> with the
/// template as subject), and on every save or delete the open cases of the template are re-timed.
/// </summary>
public sealed class SlaPolicyService(CasesStore store, TemplateService templates, SlaRules rules, TimeProvider clock)
{
    private const int Batch = 500;

    public async Task<IReadOnlyList<SlaPolicyView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var keys = (await templates.ListAsync(ct)).ToDictionary(t => t.Id, t => t.Key);
        return (await db.SlaPolicies.AsNoTracking().OrderBy(p => p.TemplateId).ThenBy(p => p.Id).ToListAsync(ct))
            .Select(p => new SlaPolicyView(p.Id, keys.GetValueOrDefault(p.TemplateId, "?"), p.Priority, p.QueueId, p.Resolution,
                p.FirstAssignment, p.Calendar, p.PauseStatuses, p.Version)).ToList();
    }

    /// <summary>Creates (<paramref name="id"/> null) or replaces a policy; returns its id. Refused naming each bad field.</summary>
    public async Task<int> SaveAsync(int? id, SlaPolicyInput input, long? expectedVersion, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins can change SLA policies.");
        var template = (await templates.ListAsync(ct)).FirstOrDefault(t => t.Key == input.TemplateKey)
            ?? throw new ValidationException("template", $"There is no case template '{input.TemplateKey}'.");
        var problems = Check(input, template.Definition);
        if (problems.Count > 0) throw new ValidationException(problems);
        var saved = await store.WriteAsync(async db =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var p = id is { } existing
                ? await db.SlaPolicies.SingleOrDefaultAsync(x => x.Id == existing, ct) ?? throw new NotFoundException("SLA policy", existing.ToString())
                : db.SlaPolicies.Add(new SlaPolicy { TemplateId = template.Id }).Entity;
            if (expectedVersion is { } v && p.Version != v)
                throw new ConflictException("This SLA policy was changed by someone else since you opened it; reload it. Nothing was saved.");
            if (input.QueueId is { } queueId && !await db.Queues.AnyAsync(q => q.Id == queueId, ct))
                throw new ValidationException("queue", $"There is no queue with id {queueId}.");
            if (await db.SlaPolicies.AnyAsync(x => x.Id != p.Id && x.TemplateId == template.Id && x.Priority == input.Priority && x.QueueId == input.QueueId, ct))
                throw new ValidationException("priority", $"{template.Key} already has a policy for this priority and queue; edit that one.");
            (p.TemplateId, p.Priority, p.QueueId) = (template.Id, input.Priority, input.QueueId);
            (p.ResolutionAmount, p.ResolutionUnit) = (input.Resolution.Amount, input.Resolution.Unit);
            (p.FirstAssignmentAmount, p.FirstAssignmentUnit) = (input.FirstAssignment?.Amount, input.FirstAssignment?.Unit);
            p.CalendarJson = input.Calendar is null ? null : JsonSerializer.Serialize(input.Calendar);
            p.PauseStatusesJson = JsonSerializer.Serialize(input.PauseStatuses ?? []);
            p.UpdatedAt = now;
            if (id is not null) p.Version++;
            await db.SaveChangesAsync(ct);
            db.AuditEvents.Add(AuditEvent.By(actor, now, "sla-policy.saved", subject: $"template:{template.Key}", field: $"sla_policy:{p.Id}",
                detail: Describe(input)));
            return p.Id;
        }, ct);
        await RecomputeAsync(template.Id, ct);
        return saved;
    }

    public async Task DeleteAsync(int id, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins can change SLA policies.");
        var templateId = await store.WriteAsync(async db =>
        {
            var p = await db.SlaPolicies.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("SLA policy", id.ToString());
            var key = await db.CaseTemplates.Where(t => t.Id == p.TemplateId).Select(t => t.Key).SingleAsync(ct);
            db.SlaPolicies.Remove(p);
            db.AuditEvents.Add(AuditEvent.By(actor, clock.GetUtcNow().UtcDateTime, "sla-policy.deleted", subject: $"template:{key}", field: $"sla_policy:{id}"));
            return p.TemplateId;
        }, ct);
        await RecomputeAsync(templateId, ct);
    }

    /// <summary>
    /// Imports seed policies, template by template, once: only into a template that has no policy yet, and never again after a
    /// seed marker (<c>sla-policies:KEY</c>) records that the template was seeded, so an admin's later edits, and deleting every
    /// policy of a template, survive the next start. A template's policies are all checked before the first is saved: a bad file
    /// changes nothing for that template. Returns each template's outcome.
    /// </summary>
    public async Task<IReadOnlyList<(string Template, ImportOutcome Outcome)>> ImportAsync(SlaPolicyImportFile file, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins can change SLA policies.");
        var all = await templates.ListAsync(ct);
        var results = new List<(string, ImportOutcome)>();
        foreach (var group in file.Policies.GroupBy(p => p.Template))
        {
            var template = all.FirstOrDefault(t => t.Key == group.Key)
                ?? throw new ValidationException("template", $"There is no case template '{group.Key}'.");
            Dictionary<string, int> queueIds;
            var marker = $"sla-policies:{template.Key}";
            bool seeded, hasPolicies;
            await using (var db = await store.ReadAsync(ct))
            {
                seeded = await db.SeedMarkers.AnyAsync(m => m.Key == marker, ct);
                hasPolicies = await db.SlaPolicies.AnyAsync(p => p.TemplateId == template.Id, ct);
                queueIds = await db.Queues.ToDictionaryAsync(q => q.Key, q => q.Id, ct);
            }
            if (seeded || hasPolicies)
            {
                if (!seeded) await MarkSeededAsync(marker, ct);
                results.Add((group.Key, ImportOutcome.Unchanged));
                continue;
            }
            var inputs = new List<SlaPolicyInput>();
            foreach (var doc in group)
            {
                int? queueId = doc.Queue is null ? null
                    : queueIds.TryGetValue(doc.Queue, out var q) ? q : throw new ValidationException("queue", $"There is no queue '{doc.Queue}'.");
                var calendar = doc.Calendar is null ? null
                    : file.Calendars.GetValueOrDefault(doc.Calendar) ?? throw new ValidationException("calendar", $"The file has no calendar '{doc.Calendar}'.");
                var input = new SlaPolicyInput(template.Key, doc.Resolution, doc.Priority, queueId, doc.FirstAssignment, calendar, doc.PauseStatuses);
                var problems = Check(input, template.Definition);
                if (problems.Count > 0) throw new ValidationException(problems.Select(p => p with { Path = $"{template.Key}.{p.Path}" }).ToList());
                inputs.Add(input);
            }
            foreach (var input in inputs) await SaveAsync(null, input, null, actor, ct);
            await MarkSeededAsync(marker, ct);
            results.Add((group.Key, ImportOutcome.Created));
        }
        return results;
    }

    /// <remarks>Written after the policies: a start interrupted between the two finds the policies next time and only marks.</remarks>
    private Task MarkSeededAsync(string marker, CancellationToken ct) => store.WriteAsync(async db =>
    {
        if (!await db.SeedMarkers.AnyAsync(m => m.Key == marker, ct))
            db.SeedMarkers.Add(new SeedMarker { Key = marker, AppliedAt = clock.GetUtcNow().UtcDateTime });
        return 0;
    }, ct);

    /// <summary>Re-times every open case of a template (after its policies changed), in short batches; returns how many.</summary>
    public async Task<int> RecomputeAsync(int templateId, CancellationToken ct = default)
    {
        var (after, total) = (0L, 0);
        while (true)
        {
            var (count, last) = await store.WriteAsync(async db =>
            {
                var policies = await db.SlaPolicies.AsNoTracking().Where(p => p.TemplateId == templateId).ToListAsync(ct);
                var cases = await db.Cases.Where(c => c.TemplateId == templateId && c.StatusType != StatusType.End && c.Id > after)
                    .OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var c in cases)
                {
                    var definition = await templates.GetDefinitionAsync(c.TemplateId, c.TemplateVersion, ct);
                    SlaClock.Retime(c, SlaTerms.Choose(policies, definition, c.Priority, QueueOf(c)), now, rules.AtRiskWindow);
                }
                return (cases.Count, cases.Count == 0 ? after : cases[^1].Id);
            }, ct);
            total += count;
            after = last;
            if (count < Batch) return total;
        }
    }

    /// <summary>The terms for a case as it now is, read in the caller's context (the same transaction as its change).</summary>
    public static async Task<SlaTerms> TermsAsync(CasesDbContext db, Case c, TemplateDefinition definition, CancellationToken ct)
    {
        var policies = await db.SlaPolicies.AsNoTracking().Where(p => p.TemplateId == c.TemplateId).ToListAsync(ct);
        return SlaTerms.Choose(policies, definition, c.Priority, QueueOf(c));
    }

    /// <summary>The queue whose policies apply to the case.</summary>
    internal static int? QueueOf(Case c) => c.QueueId;

    internal static List<Problem> Check(SlaPolicyInput input, TemplateDefinition definition)
    {
        var p = new List<Problem>();
        CheckTarget(input.Resolution, "resolution", p);
        if (input.FirstAssignment is { } first) CheckTarget(first, "first_assignment", p);
        if (input.Calendar is { } calendar) p.AddRange(calendar.Check("calendar"));
        var pauses = input.PauseStatuses ?? [];
        for (var i = 0; i < pauses.Count; i++)
        {
            var status = definition.FindStatus(pauses[i]);
            if (status is null) p.Add(new($"pause_statuses[{i}]", $"'{pauses[i]}' is not a status of {definition.Name}."));
            else if (status.Type == StatusType.End) p.Add(new($"pause_statuses[{i}]", $"{status.Label} resolves the case; only open statuses can pause the clock."));
        }
        return p;
    }

    private static void CheckTarget(SlaTarget target, string path, List<Problem> p)
    {
        if (!Enum.IsDefined(target.Unit)) p.Add(new($"{path}.unit", "Use minutes, hours or business days."));
        else if (target.Amount <= 0) p.Add(new($"{path}.amount", "The target must be more than zero."));
        else if (target.Duration(null) > TimeSpan.FromMinutes(SlaTarget.MaxMinutes)) p.Add(new($"{path}.amount", "The target is at most ten years."));
    }

    private static string Describe(SlaPolicyInput i) =>
        $"{i.Priority?.ToString() ?? "any priority"}, {(i.QueueId is { } q ? $"queue {q}" : "any queue")}: resolve in {i.Resolution}"
        + (i.FirstAssignment is { } f ? $", assign in {f}" : "")
        + (i.Calendar is { } c ? $", {string.Join(",", c.WorkingDays.Select(d => d.ToString()[..3]))} {c.Opens}–{c.Closes} {c.TimeZone}" : ", around the clock")
        + (i.PauseStatuses is { Count: > 0 } s ? $", paused in {string.Join(", ", s)}" : "");
}
