using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases.Search;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

/// <summary>A case as it stands in another system, for a bulk migration: its current state and when it got there.</summary>
public sealed record BulkCase(string TemplateKey, string Status, DateTime CreatedAt)
{
    public CasePriority? Priority { get; init; }
    public string? AssigneeId { get; init; }
    public DateTime? AssignedAt { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Fields { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> ObjectIds { get; init; } = [];
    public IReadOnlyList<BulkComment> Comments { get; init; } = [];
}

public sealed record BulkComment(string AuthorId, string Body, DateTime At);

/// <summary>
/// Imports many cases in one transaction with their current status, assignee and resolution, and the audit events
/// that say how they got there (created, assigned, resolved, commented). All-or-nothing per call: any invalid case
/// refuses the whole batch, with every problem named by <c>cases[i].…</c>.
/// </summary>
public sealed class CaseBulkImporter(CasesStore store, TemplateService templates, UserDirectory users, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<CaseLimits> limits, Queues.QueueRouter router, Queues.QueueDirectory queues)
{
    public const int MaxBatch = 5_000;

    public async Task<IReadOnlyList<string>> ImportAsync(IReadOnlyList<BulkCase> cases, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsLead) throw new ForbiddenException("Only leads, admins and systems can bulk-import cases.");
        if (cases.Count > MaxBatch) throw new ValidationException("cases", $"At most {MaxBatch:N0} cases per batch (got {cases.Count:N0}).");
        if (cases.Count == 0) return [];
        var byKey = (await templates.ListAsync(ct)).ToDictionary(t => t.Key);
        var people = (await users.AllAsync(ct)).ToDictionary(u => u.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var problems = new List<Problem>();
        var rows = new List<(BulkCase Source, TemplateSummary Template, StatusDefinition Status, List<string> Tags)>(cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var path = $"cases[{i}]";
            if (!byKey.TryGetValue(c.TemplateKey, out var t)) { problems.Add(new($"{path}.template", $"Unknown template '{c.TemplateKey}'.")); continue; }
            var status = t.Definition.FindStatus(c.Status);
            if (status is null) { problems.Add(new($"{path}.status", $"{t.Key} has no status '{c.Status}'.")); continue; }
            if ((status.Type == StatusType.End) != c.ResolvedAt.HasValue)
                problems.Add(new($"{path}.resolved_at", status.Type == StatusType.End ? "A case in an end status needs resolved_at." : "Only a case in an end status has resolved_at."));
            if (c.AssigneeId is not null && !(people.TryGetValue(c.AssigneeId, out var u) && u.CanWork))
                problems.Add(new($"{path}.assignee", $"No user who can work cases has id '{c.AssigneeId}'."));
            if (c.CreatedAt > now) problems.Add(new($"{path}.created_at", "Cannot be in the future."));
            var fields = c.Fields ?? new Dictionary<string, JsonElement>();
            foreach (var (key, value) in fields) CaseInputRules.CheckField(t.Definition, key, value, $"{path}.fields.{key}", problems);
            if (status.Type == StatusType.End)
                foreach (var missing in t.Definition.RequiredToResolve.Where(f => !FieldValues.IsFilled(fields.TryGetValue(f.Key, out var v) ? v : null)))
                    problems.Add(new($"{path}.fields.{missing.Key}", $"{missing.Label} is required to resolve a {t.Name} case."));
            for (var n = 0; n < c.Comments.Count; n++) CaseInputRules.Comment(c.Comments[n].Body, limits.Value, $"{path}.comments[{n}]", problems);
            rows.Add((c, t, status, CaseInputRules.Tags(c.Tags, limits.Value, $"{path}.tags", problems)));
        }
        if (problems.Count > 0) throw new ValidationException(problems);

        return await store.WriteAsync(async db =>
        {
            await RequireObjectsAsync(db, rows.Select(r => r.Source).ToList(), ct);
            var next = new Dictionary<int, int>();
            foreach (var group in rows.GroupBy(r => r.Template.Id))
                next[group.Key] = await CaseNumbers.ReserveAsync(db, group.Key, group.Count(), ct);

            var templateIds = next.Keys.ToList();
            var policies = (await db.SlaPolicies.AsNoTracking().Where(p => templateIds.Contains(p.TemplateId)).ToListAsync(ct)).ToLookup(p => p.TemplateId);
            var entities = new List<(Case Case, BulkCase Source, StatusDefinition Status)>(rows.Count);
            foreach (var (source, template, status, tags) in rows)
            {
                var sequence = next[template.Id]++;
                var assignee = source.AssigneeId is null ? null : people[source.AssigneeId];
                var updated = new[] { source.CreatedAt, source.AssignedAt ?? default, source.ResolvedAt ?? default }
                    .Concat(source.Comments.Select(x => x.At)).Max();
                var c = new Case
                {
                    PublicId = PublicIds.New("case_"), Name = CaseNumbers.Name(template.Key, sequence),
                    TemplateId = template.Id, TemplateVersion = template.CurrentVersion, Status = status.Key, StatusType = status.Type,
                    Priority = source.Priority ?? template.Definition.DefaultPriority,
                    CreatorType = actor.Type, CreatorId = actor.Id, CreatorName = actor.Name,
                    CreatedAt = source.CreatedAt, UpdatedAt = updated, UpdatedByName = actor.Name, UpdaterType = actor.Type, UpdaterId = actor.Id,
                        AssigneeId = assignee?.Id, AssignedAt = assignee is null ? null : source.AssignedAt ?? source.CreatedAt,
                    FirstAssignedAt = assignee is null ? null : source.AssignedAt ?? source.CreatedAt,
                    AssignerType = assignee is null ? null : actor.Type, AssignerId = assignee is null ? null : actor.Id,
                    ResolvedAt = source.ResolvedAt, Resolution = source.ResolvedAt is null ? null : status.Key,
                    ResolverType = source.ResolvedAt is null ? null : assignee is null ? actor.Type : ActorType.User,
                    ResolverId = source.ResolvedAt is null ? null : assignee?.Id ?? actor.Id,
                    ResolverName = source.ResolvedAt is null ? null : assignee?.DisplayName ?? actor.Name,
                    FieldsJson = JsonSerializer.Serialize(source.Fields ?? new Dictionary<string, JsonElement>()), Version = 1,
                };
                Sla.SlaClock.Start(c, Sla.SlaTerms.Choose(policies[template.Id], template.Definition, c.Priority, null), source.CreatedAt, TimeSpan.Zero);
                c.Tags.AddRange(tags.Select(tag => new CaseTag { Tag = tag }));
                c.Links.AddRange(source.ObjectIds.Distinct().Select(o => new CaseObjectLink { ObjectId = o, LinkedAt = source.CreatedAt, LinkedBy = actor.Name }));
                c.Comments.AddRange(source.Comments.Select(x => new CaseComment
                {
                    AuthorType = ActorType.User, AuthorId = x.AuthorId, AuthorName = people.GetValueOrDefault(x.AuthorId)?.DisplayName ?? x.AuthorId,
                    Body = x.Body.Trim(), CreatedAt = x.At,
                }));
                entities.Add((c, source, status));
            }
            // Batched writes: one prepared INSERT per table in this transaction, the case ids read back for the children.
            // The search index is written once per case at the end, not once per case and once more per linked object.
            await CaseSearchIndex.PauseForBulkAsync(db, ct);
            await BulkWriter.InsertAsync(db, entities.Select(e => e.Case).ToList(), ct);
            foreach (var (c, _, _) in entities)
            {
                c.Tags.ForEach(x => x.CaseId = c.Id);
                c.Links.ForEach(x => x.CaseId = c.Id);
                c.Comments.ForEach(x => x.CaseId = c.Id);
            }
            await BulkWriter.InsertAsync(db, entities.SelectMany(e => e.Case.Tags).ToList(), ct);
            await BulkWriter.InsertAsync(db, entities.SelectMany(e => e.Case.Links).ToList(), ct);
            await BulkWriter.InsertAsync(db, entities.SelectMany(e => e.Case.Comments).ToList(), ct);
            await CaseSearchIndex.ResumeAfterBulkAsync(db, entities.Min(e => e.Case.Id), entities.Max(e => e.Case.Id), ct);

            // Routing, as on creation: one query for the whole batch, then one update per queue.
            var moves = (await router.MovesAsync(db, entities.Select(e => e.Case.Id).ToList(), ct)).ToDictionary(m => m.CaseId);
            foreach (var into in moves.Values.GroupBy(m => m.To))
            {
                var ids = into.Select(m => m.CaseId).ToList();
                await db.Cases.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.QueueId, into.Key), ct);
            }

            var audit = new List<AuditEvent>(entities.Count * 3);
            foreach (var (c, _, status) in entities)
            {
                audit.Add(Audit(c, actor, c.CreatedAt, CaseEventTypes.Created, "status", null, status.Label, $"{c.Name} imported in bulk"));
                if (c.AssigneeId is not null) audit.Add(Audit(c, actor, c.AssignedAt!.Value, CaseEventTypes.Assigned, "assignee", null, people[c.AssigneeId].DisplayName));
                foreach (var comment in c.Comments) audit.Add(Audit(c, actor, comment.CreatedAt, CaseEventTypes.Commented, "comments", null, AuditEvent.Excerpt(comment.Body)));
                if (c.ResolvedAt is { } resolved) audit.Add(Audit(c, actor, resolved, CaseEventTypes.Resolved, "resolution", null, status.Label));
                if (moves.TryGetValue(c.Id, out var move))
                    audit.Add(Audit(c, actor, c.CreatedAt, CaseEventTypes.Updated, "queue", null, (await queues.ByIdAsync(move.To, ct))?.Name, move.How));
            }
            await BulkWriter.InsertAsync(db, audit, ct);
            return entities.Select(e => e.Case.PublicId).ToList();
        }, ct);
    }

    private static AuditEvent Audit(Case c, Actor actor, DateTime at, string type, string field, string? old, string? @new, string? detail = null)
    {
        var e = AuditEvent.By(actor, at, type, c.Id, field: field, oldValue: old, newValue: @new, detail: detail);
        e.CaseVersion = c.Version;
        return e;
    }

    private static async Task RequireObjectsAsync(CasesDbContext db, IReadOnlyList<BulkCase> cases, CancellationToken ct)
    {
        var wanted = cases.SelectMany(c => c.ObjectIds).ToHashSet();
        var found = new HashSet<string>();
        foreach (var chunk in wanted.Chunk(500))
            found.UnionWith(await db.Objects.Where(o => chunk.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct));
        var missing = cases.SelectMany((c, i) => c.ObjectIds.Where(o => !found.Contains(o)).Select(o => new Problem($"cases[{i}].objects", $"No object with id '{o}'."))).ToList();
        if (missing.Count > 0) throw new ValidationException(missing);
    }
}
