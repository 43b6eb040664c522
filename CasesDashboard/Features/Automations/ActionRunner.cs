using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Automations;

/// <summary>What one run works on: the case (null until create_case makes one, for object triggers) and the triggering object.</summary>
public sealed record RunSubject(string? CaseId, CaseObject? Object, string Trigger, long? CaseRowId = null);

/// <summary>The result of a run's actions: one line per action, and whether create_case found an open case already (the rest skipped).</summary>
public sealed record ActionResult(IReadOnlyList<string> Lines, bool Deduplicated, string? CaseId);

/// <summary>
/// Carries out a rule's actions in order through the same services people use (so template transitions, required fields,
/// permissions and audit apply), as the run's actor. Runs inside the run's transaction; the first action that fails throws
/// and the run's transaction rolls back whole.
/// </summary>
public sealed class ActionRunner(CaseService cases, TemplateService templates, UserDirectory users, TimeProvider clock,
    WebhookSignal webhooks, CasesStore store, IOptionsMonitor<WebhookOptions> webhookOptions, Queues.QueueDirectory queues, Queues.AssignmentPolicies policies)
{
    public async Task<ActionResult> RunAsync(CasesDbContext db, CompiledRule rule, Actor actor, RunSubject subject, CancellationToken ct)
    {
        var lines = new List<string>();
        var caseId = subject.CaseId;
        for (var i = 0; i < rule.Definition.Actions.Count; i++)
        {
            var a = rule.Definition.Actions[i];
            if (a.Type == ActionTypes.CreateCase)
            {
                var (created, existing, line) = await CreateCaseAsync(db, a, actor, subject, caseId, ct);
                lines.Add(line);
                if (existing) return new ActionResult(lines, true, caseId);
                caseId = created;
                continue;
            }
            if (caseId is null) throw new ValidationException($"actions[{i}]", $"{a.Type} has no case to act on.");
            try { lines.Add(await RunOneAsync(db, a, actor, caseId, subject, ct)); }
            catch (DomainException e) { throw new ActionFailedException(i, a.Type, e); }
        }
        return new ActionResult(lines, false, caseId);
    }

    private async Task<string> RunOneAsync(CasesDbContext db, RuleAction a, Actor actor, string caseId, RunSubject subject, CancellationToken ct)
    {
        switch (a.Type)
        {
            case ActionTypes.SetStatus:
                var (templateId, version) = await db.Cases.Where(c => c.PublicId == caseId).Select(c => new { c.TemplateId, c.TemplateVersion })
                    .AsNoTracking().SingleAsync(ct) is var x ? (x.TemplateId, x.TemplateVersion) : default;
                var definition = await templates.GetDefinitionAsync(templateId, version, ct);
                var key = RuleValidator.StatusKey(definition, a.Status!) ?? throw new ValidationException("status", $"'{a.Status}' is not a status of {definition.Name}.");
                var moved = await cases.SetStatusAsync(caseId, key, a.Comment, null, actor, ct);
                return moved.Changes.Count == 0 ? $"status already {key}" : $"status → {key}";
            case ActionTypes.SetPriority:
                var priority = Enum.Parse<CasePriority>(a.Priority!, true);
                var current = await db.Cases.Where(c => c.PublicId == caseId).Select(c => c.Version).SingleAsync(ct);
                await cases.SetPriorityAsync(caseId, priority, current, actor, ct);
                return $"priority → {priority.ToString().ToLowerInvariant()}";
            case ActionTypes.SetField:
                await cases.UpdateFieldsAsync(caseId, new Dictionary<string, JsonElement> { [a.Field!] = a.Value!.Value }, null, actor, ct);
                return $"{a.Field} → {a.Value!.Value.GetRawText()}";
            case ActionTypes.AddTag:
                await cases.AddTagAsync(caseId, a.Tag!, actor, ct);
                return $"tag + {a.Tag}";
            case ActionTypes.RemoveTag:
                await cases.RemoveTagAsync(caseId, CaseInputRules.NormalizeTag(a.Tag)!, actor, ct);
                return $"tag − {a.Tag}";
            case ActionTypes.Assign:
                var user = a.User is null ? null
                    : RuleValidator.FindUser(a.User, await users.AllAsync(ct)) ?? throw new ValidationException("user", $"No user '{a.User}'.");
                await cases.AssignAsync(caseId, user?.Id, null, actor, ct);
                return user is null ? "unassigned" : $"assigned to {user.DisplayName}";
            case ActionTypes.AssignQueue:
                var target = RuleValidator.FindQueue(a.Queue!, await queues.AllAsync(ct)) ?? throw new ValidationException("queue", $"There is no queue '{a.Queue}'.");
                await cases.MoveToQueueAsync(caseId, QueueChoice.To(target.PublicId), null, actor, ct);
                return $"queue → {target.Name}";
            case ActionTypes.AssignByPolicy:
                return await AssignByPolicyAsync(db, a, actor, caseId, ct);
            case ActionTypes.SetSla:
                var due = DateTime.SpecifyKind(clock.GetUtcNow().UtcDateTime.AddHours(a.SlaHours!.Value), DateTimeKind.Utc);
                await cases.OverrideSlaAsync(caseId, due, $"{a.SlaHours:0.##} h from now, by the rule", null, actor, ct);
                return $"SLA due {due:yyyy-MM-dd HH:mm} UTC";
            case ActionTypes.AddComment:
                await cases.AddCommentAsync(caseId, a.Comment!, actor, ct);
                return "comment added";
            case ActionTypes.PostWebhook:
                return await QueueWebhookAsync(db, a, actor, caseId, subject, ct);
            default:
                throw new ValidationException("type", $"'{a.Type}' is not an action.");
        }
    }

    /// <summary>
    /// A new case of the action's template linking the triggering object (and the accounts sharing its reference id). With dedupe
    /// (the default), nothing is created when the account — the reference id — already has an open case of that template.
    /// </summary>
    private async Task<(string? Created, bool Existing, string Line)> CreateCaseAsync(CasesDbContext db, RuleAction a, Actor actor, RunSubject subject,
        string? triggeringCase, CancellationToken ct)
    {
        var template = (await templates.ListAsync(ct)).FirstOrDefault(t => t.Key == a.Template)
            ?? throw new ValidationException("template", $"There is no case template '{a.Template}'.");
        var objectIds = new List<string>();
        string? reference = null;
        if (subject.Object is { } o)
        {
            objectIds.Add(o.Id);
            reference = o.ReferenceId;
        }
        else if (triggeringCase is not null)
            objectIds.AddRange(await db.CaseObjectLinks.Where(l => db.Cases.Any(c => c.Id == l.CaseId && c.PublicId == triggeringCase))
                .Select(l => l.ObjectId).ToListAsync(ct));
        if (reference is not null)
            objectIds.AddRange(await db.Objects.Where(x => x.ReferenceId == reference && x.Kind == ObjectKind.Account && !objectIds.Contains(x.Id))
                .Select(x => x.Id).ToListAsync(ct));
        if (a.Dedupe != false && (reference is not null || objectIds.Count > 0))
        {
            var keys = reference is not null
                ? await db.Objects.Where(x => x.ReferenceId == reference).Select(x => x.Id).ToListAsync(ct)
                : objectIds;
            var open = await db.Cases.AsNoTracking()
                .Where(c => c.TemplateId == template.Id && c.StatusType != StatusType.End && c.Links.Any(l => keys.Contains(l.ObjectId)))
                .Select(c => c.Name).FirstOrDefaultAsync(ct);
            if (open is not null) return (null, true, $"not created: {open} is already open for {reference ?? objectIds[0]}");
        }
        var id = await cases.CreateAsync(new NewCase(template.Key) { ObjectIds = objectIds.Distinct().ToList() }, actor, ct);
        var name = await db.Cases.Where(c => c.PublicId == id).Select(c => c.Name).SingleAsync(ct);
        return (id, false, $"created {name}");
    }

    /// <summary>The member the queue's policy picks now (the action's queue, or the case's own), assigned by the run.</summary>
    private async Task<string> AssignByPolicyAsync(CasesDbContext db, RuleAction a, Actor actor, string caseId, CancellationToken ct)
    {
        var all = await queues.AllAsync(ct);
        var queue = a.Queue is not null
            ? RuleValidator.FindQueue(a.Queue, all) ?? throw new ValidationException("queue", $"There is no queue '{a.Queue}'.")
            : await db.Cases.Where(c => c.PublicId == caseId).Select(c => c.QueueId).SingleAsync(ct) is { } id
                ? all.First(q => q.Id == id) : throw new ValidationException("queue", "The case is in no queue, so there is no policy to assign it by.");
        if (queue.Policy == Queues.AssignmentPolicy.Manual)
            throw new ValidationException("queue", $"The {queue.Name} queue has no assignment policy.");
        var member = Queues.AssignmentPolicies.Choose(queue, await policies.MembersAsync(db, queue, ct))
            ?? throw new ValidationException("queue", $"Nobody in the {queue.Name} queue can take a case now (all away or at their cap).");
        await cases.AssignAsync(caseId, member.UserId, null, actor, ct);
        return $"assigned by the {queue.Name} queue's policy ({Queues.AssignmentPolicies.Label(queue.Policy)}) to {await users.NameOfAsync(member.UserId, ct)}";
    }

    /// <summary>A delivery to the chosen subscription, in the run's transaction: the run, its rule and what it acted on.</summary>
    private async Task<string> QueueWebhookAsync(CasesDbContext db, RuleAction a, Actor actor, string caseId, RunSubject subject, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.PublicId == a.Webhook, ct)
            ?? throw new ValidationException("webhook", $"There is no webhook subscription '{a.Webhook}'.");
        var now = clock.GetUtcNow().UtcDateTime;
        var c = await db.Cases.AsNoTracking().Where(x => x.PublicId == caseId).Select(x => new { x.Id, x.Name, x.Status }).SingleAsync(ct);
        var eventId = PublicIds.New("evt_");
        var payload = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["type"] = "workflow-run", ["id"] = actor.Id,
                ["attributes"] = new JsonObject
                {
                    ["workflow-name"] = actor.Name, ["trigger"] = subject.Trigger, ["case-id"] = caseId, ["case-name"] = c.Name,
                    ["case-status"] = c.Status, ["object-id"] = subject.Object?.Id,
                },
            },
        };
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            PublicId = PublicIds.New("whd_"), SubscriptionId = subscription.Id, CaseId = c.Id, CasePublicId = caseId, EventId = eventId,
            EventName = "workflow-run.webhook", Body = WebhookEventDocument.Build(eventId, "workflow-run.webhook", payload, now),
            MaxAttempts = webhookOptions.CurrentValue.MaxAttempts, CreatedAt = now, NextAttemptAt = subscription.Enabled ? now : null,
        });
        await store.AfterCommitAsync(() => { webhooks.Notify(); return Task.CompletedTask; });
        return $"webhook queued to {subscription.Url}";
    }
}

/// <summary>An action refused by the domain: which action, and the domain's reason.</summary>
public sealed class ActionFailedException(int index, string type, DomainException inner)
    : Exception($"actions[{index}] ({type}): {inner.Message}", inner);
