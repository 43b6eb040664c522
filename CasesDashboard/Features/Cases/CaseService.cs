using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// Every change to a case. Each method checks permissions (and, for edits of state, whether what the edit rests on changed
/// since the caller read the case), writes the change and its audit events in one transaction, and publishes after commit.
/// </summary>
public sealed partial class CaseService(
    CasesStore store, TemplateService templates, UserDirectory users, CaseEvents events,
    TimeProvider clock, IOptions<CaseLimits> limits, Queues.QueueDirectory queues, Queues.QueueRouter router, SlaRules sla)
{
    private CaseLimits Limits => limits.Value;
    private static readonly TimeSpan MaxSla = TimeSpan.FromDays(3650);

    /// <summary>The templates <paramref name="actor"/> may open a case of (published, not archived, visible to their role).</summary>
    public async Task<IReadOnlyList<TemplateSummary>> CreatableTemplatesAsync(Actor actor, CancellationToken ct = default) =>
        !actor.CanWork ? [] : (await templates.ListAsync(ct)).Where(t => !t.Archived && t.Definition.IsVisibleTo(actor)).ToList();

    public async Task<string> CreateAsync(NewCase request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanWork) throw new ForbiddenException("Only analysts, leads and admins can create cases.");
        var template = (await templates.ListAsync(ct)).FirstOrDefault(t => t.Key == request.TemplateKey)
            ?? throw new ValidationException("template", $"There is no case template '{request.TemplateKey}'.");
        if (template.Archived) throw new ValidationException("template", $"Template {template.Key} is archived.");
        if (!template.Definition.IsVisibleTo(actor)) throw new ForbiddenException($"Your role cannot see {template.Name} cases.");
        var definition = template.Definition;
        var assignee = await ValidateAssigneeAsync(request.AssigneeId, ct);
        if (assignee is not null) CasePermissions.Assign(actor, new CaseAccess("The new case", null, null, definition.InitialStatus.Key, StatusType.Initial), assignee.Id).Require();
        var problems = new List<Problem>();
        var fields = new Dictionary<string, JsonElement>();
        foreach (var (key, value) in request.Fields ?? new Dictionary<string, JsonElement>())
            if (CaseInputRules.CheckField(definition, key, value, $"fields.{key}", problems)) fields[key] = value;
        var tags = CaseInputRules.Tags(request.Tags, Limits, "tags", problems);
        var documents = request.ExternalData.Select((d, i) => CaseInputRules.Document(d.Name, d.Json, d.Source, Limits, $"external_data[{i}]", problems)).ToList();
        if (request.SlaExpiresIn is { } slaIn && (slaIn <= TimeSpan.Zero || slaIn > MaxSla))
            problems.Add(new("sla_expires_in", $"The SLA is between 1 second and {MaxSla.TotalDays:N0} days from creation."));
        var creator = request.CreatorId is null ? null : await users.FindAsync(request.CreatorId, ct);
        if (request.CreatorId is not null && creator is null) problems.Add(new("creator", $"No user with id '{request.CreatorId}'."));
        var placed = request.QueueId is null ? null : await PlaceableQueueAsync(request.QueueId, problems, ct);
        if (problems.Count > 0) throw new ValidationException(problems);

        var change = await store.WriteAsync(async db =>
        {
            await RequireObjectsAsync(db, request.ObjectIds, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var number = await CaseNumbers.ReserveAsync(db, template.Id, 1, ct);
            var initial = definition.InitialStatus;
            var c = new Case
            {
                PublicId = PublicIds.New("case_"), Name = CaseNumbers.Name(template.Key, number),
                TemplateId = template.Id, TemplateVersion = template.CurrentVersion,
                Status = initial.Key, StatusType = initial.Type, Priority = request.Priority ?? definition.DefaultPriority,
                CreatorType = creator is null ? actor.Type : ActorType.User, CreatorId = creator?.Id ?? actor.Id, CreatorName = creator?.DisplayName ?? actor.Name,
                CreatedAt = now, UpdatedAt = now, UpdatedByName = actor.Name, UpdaterType = actor.Type, UpdaterId = actor.Id,
                FieldsJson = JsonSerializer.Serialize(fields), Version = 1,
            };
            if (assignee is not null)
            {
                c.AssigneeId = assignee.Id; c.AssignedAt = now; c.FirstAssignedAt = now; c.AssignerType = actor.Type; c.AssignerId = actor.Id;
            }
            SlaClock.Start(c, await SlaPolicyService.TermsAsync(db, c, definition, ct), now, sla.AtRiskWindow);
            if (request.SlaExpiresIn is { } due) (c.SlaExpiresAt, c.SlaOverridden) = (now + due, true);
            c.Tags.AddRange(tags.Select(t => new CaseTag { Tag = t }));
            c.ExternalData.AddRange(documents.OfType<NewExternalDocument>().Select(d => new ExternalDocument
            {
                Name = d.Name, Source = d.Source, Json = d.Json, AttachedAt = now, AttachedBy = actor.Name,
            }));
            c.Links.AddRange(request.ObjectIds.Distinct().Select(o => new CaseObjectLink { ObjectId = o, LinkedAt = now, LinkedBy = actor.Name }));
            db.Cases.Add(c);
            await db.SaveChangesAsync(ct);
            var audit = new AuditWriter(db, c.Id, actor, now);
            audit.Add(CaseEventTypes.Created, "status", null, initial.Label,
                $"{c.Name} from {definition.Name} v{template.CurrentVersion}" + (creator is null ? "" : $" for {creator.DisplayName}"));
            if (assignee is not null) audit.Add(CaseEventTypes.Assigned, "assignee", null, assignee.DisplayName);
            if (placed is not null) await SetQueueAsync(c, audit, placed.Id, Placed(actor), ct, pin: true);
            else if ((await router.MovesAsync(db, [c.Id], ct)) is [var routed]) await SetQueueAsync(c, audit, routed.To, routed.How, ct);
            if (c.QueueId is not null)
            {
                // A queue can have its own SLA policy: start the clock again under it (nothing has been used yet).
                SlaClock.Start(c, await SlaPolicyService.TermsAsync(db, c, definition, ct), now, sla.AtRiskWindow);
                if (request.SlaExpiresIn is { } dueIn) (c.SlaExpiresAt, c.SlaOverridden) = (now + dueIn, true);
            }
            audit.Stamp(c.Version);
            return new CaseChanged(c.PublicId, c.Name, CaseEventTypes.Created, actor.Type, actor.Id, actor.Name, now, c.Version, audit.Changes)
            {
                Queues = await QueueIdsAsync(null, c.QueueId, ct),
            };
        }, ct);
        await store.AfterCommitAsync(() => events.PublishAsync(change));
        return change.CaseId;
    }

    /// <summary>Sets or clears (null) the assignee. <paramref name="expectedVersion"/> is the version the caller read (null: the current one).</summary>
    public async Task<CaseChanged> AssignAsync(string caseId, string? assigneeId, long? expectedVersion, Actor actor, CancellationToken ct = default)
    {
        var assignee = await ValidateAssigneeAsync(assigneeId, ct);
        return await MutateAsync(caseId, actor, expectedVersion, EditBasis.Of(), CaseEventTypes.Assigned, async m =>
        {
            var c = m.Case;
            if (c.AssigneeId == assigneeId) return;
            var current = await users.NameOfAsync(c.AssigneeId, ct);
            CasePermissions.Assign(actor, m.Access(current), assigneeId).Require();
            m.Audit.Add(CaseEventTypes.Assigned, "assignee", current, assignee?.DisplayName);
            c.AssigneeId = assignee?.Id;
            c.AssignedAt = assignee is null ? null : m.Now;
            if (assignee is not null) c.FirstAssignedAt ??= m.Now;
            c.AssignerType = assignee is null ? null : actor.Type;
            c.AssignerId = assignee is null ? null : actor.Id;
        }, ct);
    }

    public Task<CaseChanged> SetPriorityAsync(string caseId, CasePriority priority, long expectedVersion, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, expectedVersion, EditBasis.Of("priority"), CaseEventTypes.Updated, async m =>
        {
            await RequireWorkAsync(m);
            if (m.Case.Priority == priority) return;
            m.Audit.Add(CaseEventTypes.Updated, "priority", m.Case.Priority.ToString(), priority.ToString());
            m.Case.Priority = priority;
        }, ct);

    /// <summary>What a mutation sees: the tracked case, its template version, the audit writer, the time.</summary>
    private sealed record Mutation(CasesDbContext Db, Case Case, TemplateDefinition Definition, Actor Actor, DateTime Now, AuditWriter Audit)
    {
        public CaseAccess Access(string? assigneeName) => new(Case.Name, Case.AssigneeId, assigneeName, Case.Status, Case.StatusType);
    }

    /// <summary>
    /// Loads the case in a write transaction; with <paramref name="readVersion"/> (the version the caller read), refuses the
    /// change when something it rests on (<paramref name="basis"/>) changed since; runs the change, and when it recorded
    /// anything bumps the version and publishes after commit. A change that records nothing writes nothing.
    /// </summary>
    private async Task<CaseChanged> MutateAsync(string caseId, Actor actor, long? readVersion, EditBasis? basis, string eventType,
        Func<Mutation, Task> change, CancellationToken ct)
    {
        var result = await store.WriteAsync(async db =>
        {
            var c = await db.Cases.SingleOrDefaultAsync(x => x.PublicId == caseId, ct) ?? throw new NotFoundException("Case", caseId);
            // A redacted case keeps its shell and decision; nothing may be written into it again.
            if (c.RedactedAt is { } redacted && eventType != CaseEventTypes.Redacted)
                throw new ValidationException("case", $"{c.Name} was redacted at {redacted:yyyy-MM-dd HH:mm:ss} UTC and can no longer be changed.");
            var definition = await templates.GetDefinitionAsync(c.TemplateId, c.TemplateVersion, ct);
            if (readVersion is { } v && basis is not null) await basis.RequireCurrentAsync(db, c, v, definition, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var m = new Mutation(db, c, definition, actor, now, new AuditWriter(db, c.Id, actor, now));
            var queueBefore = c.QueueId;
            await change(m);
            if (m.Audit.Changes.Count == 0)
                return new CaseChanged(c.PublicId, c.Name, eventType, actor.Type, actor.Id, actor.Name, now, c.Version, []);
            await RouteAfterChangeAsync(m, ct);
            // Every recorded change re-times the SLA: status (pause, resolve, reopen), priority, queue, template version.
            if (c.RedactedAt is null) SlaClock.Retime(c, await SlaPolicyService.TermsAsync(db, c, definition, ct), now, sla.AtRiskWindow);
            c.UpdatedAt = now;
            (c.UpdatedByName, c.UpdaterType, c.UpdaterId) = (actor.Name, actor.Type, actor.Id);
            c.Version++;
            m.Audit.Stamp(c.Version);
            return new CaseChanged(c.PublicId, c.Name, m.Audit.MainType ?? eventType, actor.Type, actor.Id, actor.Name, now, c.Version, m.Audit.Changes)
            {
                Queues = await QueueIdsAsync(queueBefore, c.QueueId, ct),
            };
        }, ct);
        if (result.Changes.Count > 0) await store.AfterCommitAsync(() => events.PublishAsync(result));
        return result;
    }

    private async Task RequireWorkAsync(Mutation m) =>
        CasePermissions.Work(m.Actor, m.Access(await users.NameOfAsync(m.Case.AssigneeId))).Require();

    private async Task<UserInfo?> ValidateAssigneeAsync(string? assigneeId, CancellationToken ct)
    {
        if (assigneeId is null) return null;
        var user = await users.FindAsync(assigneeId, ct) ?? throw new ValidationException("assignee", $"No user with id '{assigneeId}'.");
        if (!user.CanWork) throw new ValidationException("assignee", $"{user.DisplayName} is a viewer and cannot be assigned cases.");
        return user;
    }

    /// <summary>Every id names an existing object; otherwise each unknown one is a problem at <c>object_ids[i]</c> (or <paramref name="pathOf"/>).</summary>
    private static async Task RequireObjectsAsync(CasesDbContext db, IReadOnlyList<string> ids, CancellationToken ct, Func<int, string>? pathOf = null)
    {
        if (ids.Count == 0) return;
        pathOf ??= i => $"object_ids[{i}]";
        var wanted = ids.Distinct().ToList();
        var found = await db.Objects.Where(o => wanted.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        var problems = ids.Select((id, i) => (id, i)).Where(x => !found.Contains(x.id))
            .Select(x => new Problem(pathOf(x.i), CaseObject.KindOfId(x.id) is null
                ? $"'{x.id}' is not an object id (inq_…, act_…, rep_… or txn_…)."
                : $"No object with id '{x.id}'.")).ToList();
        if (problems.Count > 0) throw new ValidationException(problems);
    }
}
