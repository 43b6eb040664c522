using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// Every change to a case. Each method checks permissions (and, for edits of state, the version the
/// caller read), writes the change and its audit events in one transaction, and publishes after commit.
/// </summary>
public sealed partial class CaseService(
    CasesStore store, TemplateService templates, UserDirectory users, CaseEvents events,
    TimeProvider clock, IOptions<CaseLimits> limits)
{
    public async Task<string> CreateAsync(NewCase request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanWork) throw new ForbiddenException("Only analysts, leads and admins can create cases.");
        var template = await templates.GetByKeyAsync(request.TemplateKey, ct);
        if (template.Archived) throw new ValidationException("template", $"Template {template.Key} is archived.");
        if (!template.Definition.IsVisibleTo(actor)) throw new ForbiddenException($"Your role cannot see {template.Name} cases.");
        var definition = template.Definition;
        var assignee = await ValidateAssigneeAsync(request.AssigneeId, ct);
        var fields = new Dictionary<string, JsonElement>();
        var problems = new List<Problem>();
        foreach (var (key, value) in request.Fields ?? new Dictionary<string, JsonElement>())
            if (CheckField(definition, key, value, problems)) fields[key] = value;
        var documents = request.ExternalData.Select((d, i) => ValidateDocument(d.Name, d.Json, d.Source, $"external_data[{i}]")).ToList();
        if (problems.Count > 0) throw new ValidationException(problems);

        var change = await store.WriteAsync(async db =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var sequence = await NextSequenceAsync(db, template.Id, ct);
            var initial = definition.InitialStatus;
            var c = new Case
            {
                PublicId = PublicIds.New("case_"), Name = $"{template.Key}-{sequence}",
                TemplateId = template.Id, TemplateVersion = template.CurrentVersion,
                Status = initial.Key, StatusType = initial.Type, Priority = request.Priority ?? definition.DefaultPriority,
                CreatorType = actor.Type, CreatorId = actor.Id, CreatorName = actor.Name,
                CreatedAt = now, UpdatedAt = now, UpdatedByName = actor.Name, SlaExpiresAt = now.AddHours(definition.SlaHours),
                FieldsJson = JsonSerializer.Serialize(fields), Version = 1,
            };
            if (assignee is not null)
            {
                c.AssigneeId = assignee.Id; c.AssignedAt = now; c.AssignerType = actor.Type; c.AssignerId = actor.Id;
            }
            c.Tags.AddRange(NormalizeTags(request.Tags).Select(t => new CaseTag { Tag = t }));
            c.ExternalData.AddRange(documents.Select(d => new ExternalDocument
            {
                Name = d.Name, Source = d.Source, Json = d.Json, AttachedAt = now, AttachedBy = actor.Name,
            }));
            foreach (var objectId in request.ObjectIds.Distinct())
            {
                if (!await db.Objects.AnyAsync(o => o.Id == objectId, ct)) throw new NotFoundException("Object", objectId);
                c.Links.Add(new CaseObjectLink { ObjectId = objectId, LinkedAt = now, LinkedBy = actor.Name });
            }
            db.Cases.Add(c);
            await db.SaveChangesAsync(ct);
            var audit = new AuditWriter(db, c.Id, actor, now);
            audit.Add(CaseEventTypes.Created, "status", null, initial.Label, $"{c.Name} from {definition.Name} v{template.CurrentVersion}");
            if (assignee is not null) audit.Add(CaseEventTypes.Assigned, "assignee", null, assignee.DisplayName);
            return new CaseChanged(c.PublicId, c.Name, CaseEventTypes.Created, actor.Type, actor.Id, actor.Name, now, c.Version, audit.Changes);
        }, ct);
        await events.PublishAsync(change);
        return change.CaseId;
    }

    public async Task<CaseChanged> AssignAsync(string caseId, string? assigneeId, long expectedVersion, Actor actor, CancellationToken ct = default)
    {
        var assignee = await ValidateAssigneeAsync(assigneeId, ct);
        return await MutateAsync(caseId, actor, expectedVersion, CaseEventTypes.Assigned, async m =>
        {
            var c = m.Case;
            if (c.AssigneeId == assigneeId) return;
            if (!CasePermissions.CanAssign(actor, c.AssigneeId, assigneeId, c.StatusType))
                throw new ForbiddenException(c.StatusType == StatusType.End
                    ? $"{c.Name} is resolved; reopen it before assigning."
                    : c.AssigneeId is not null && !actor.IsLead
                        ? $"{c.Name} is already assigned to {await users.NameOfAsync(c.AssigneeId, ct)}; ask a lead to reassign it."
                        : "Only leads and admins can assign cases to other people.");
            m.Audit.Add(CaseEventTypes.Assigned, "assignee", await users.NameOfAsync(c.AssigneeId, ct), assignee?.DisplayName);
            c.AssigneeId = assignee?.Id;
            c.AssignedAt = assignee is null ? null : m.Now;
            c.AssignerType = assignee is null ? null : actor.Type;
            c.AssignerId = assignee is null ? null : actor.Id;
        }, ct);
    }

    public Task<CaseChanged> SetPriorityAsync(string caseId, CasePriority priority, long expectedVersion, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, expectedVersion, CaseEventTypes.Updated, m =>
        {
            RequireWork(m);
            if (m.Case.Priority == priority) return Task.CompletedTask;
            m.Audit.Add(CaseEventTypes.Updated, "priority", m.Case.Priority.ToString(), priority.ToString());
            m.Case.Priority = priority;
            return Task.CompletedTask;
        }, ct);

    /// <summary>What a mutation sees: the tracked case, its template version, the audit writer, the time.</summary>
    private sealed record Mutation(CasesDbContext Db, Case Case, TemplateDefinition Definition, Actor Actor, DateTime Now, AuditWriter Audit);

    /// <summary>
    /// Loads the case in a write transaction, refuses a stale <paramref name="expectedVersion"/>, runs the change,
    /// and when it recorded anything bumps the version and publishes after commit. A change that records nothing writes nothing.
    /// </summary>
    private async Task<CaseChanged> MutateAsync(string caseId, Actor actor, long? expectedVersion, string eventType,
        Func<Mutation, Task> change, CancellationToken ct)
    {
        var result = await store.WriteAsync(async db =>
        {
            var c = await db.Cases.SingleOrDefaultAsync(x => x.PublicId == caseId, ct) ?? throw new NotFoundException("Case", caseId);
            if (expectedVersion is { } v && v != c.Version)
                throw new ConflictException($"{c.Name} was changed by {c.UpdatedByName} at {c.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC — reload to see the change.");
            var now = clock.GetUtcNow().UtcDateTime;
            var m = new Mutation(db, c, await templates.GetDefinitionAsync(c.TemplateId, c.TemplateVersion, ct), actor, now, new AuditWriter(db, c.Id, actor, now));
            await change(m);
            if (m.Audit.Changes.Count == 0)
                return new CaseChanged(c.PublicId, c.Name, eventType, actor.Type, actor.Id, actor.Name, now, c.Version, []);
            c.UpdatedAt = now;
            c.UpdatedByName = actor.Name;
            c.Version++;
            return new CaseChanged(c.PublicId, c.Name, m.Audit.MainType ?? eventType, actor.Type, actor.Id, actor.Name, now, c.Version, m.Audit.Changes);
        }, ct);
        if (result.Changes.Count > 0) await events.PublishAsync(result);
        return result;
    }

    private static void RequireWork(Mutation m)
    {
        var c = m.Case;
        if (c.StatusType == StatusType.End) throw new ForbiddenException($"{c.Name} is resolved; a lead can reopen it.");
        if (!CasePermissions.CanWork(m.Actor, c.AssigneeId, c.StatusType))
            throw new ForbiddenException(m.Actor.CanWork
                ? $"Assign {c.Name} to yourself before working it."
                : "Viewers can read cases but not change them.");
    }

    private async Task<UserInfo?> ValidateAssigneeAsync(string? assigneeId, CancellationToken ct)
    {
        if (assigneeId is null) return null;
        var user = await users.FindAsync(assigneeId, ct) ?? throw new ValidationException("assignee", $"No user with id '{assigneeId}'.");
        if (!user.CanWork) throw new ValidationException("assignee", $"{user.DisplayName} is a viewer and cannot be assigned cases.");
        return user;
    }

    private static async Task<int> NextSequenceAsync(CasesDbContext db, int templateId, CancellationToken ct)
    {
        // Inside the write transaction: the increment holds the write lock until commit, so no two cases share a number.
        await db.CaseTemplates.Where(t => t.Id == templateId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextSequence, t => t.NextSequence + 1), ct);
        return await db.CaseTemplates.Where(t => t.Id == templateId).Select(t => t.NextSequence - 1).SingleAsync(ct);
    }

    /// <summary>Validates one field value against the template; adds a problem and returns false when it does not fit.</summary>
    private static bool CheckField(TemplateDefinition definition, string key, JsonElement value, List<Problem> problems)
    {
        var field = definition.FindField(key);
        var error = field is null ? $"is not a field of {definition.Name}."
            : field.Retired ? "is retired and can no longer be changed."
            : FieldValues.Validate(field, value);
        if (error is null) return true;
        problems.Add(new($"fields.{key}", field is null ? error : $"{field.Label} {error}"));
        return false;
    }
}
