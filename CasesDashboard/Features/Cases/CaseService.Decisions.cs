using System.Text.Json;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

public sealed partial class CaseService
{
    /// <summary>Sets or clears (JSON null) input field values. Refused whole if any value does not fit its field.</summary>
    public Task<CaseChanged> UpdateFieldsAsync(string caseId, IReadOnlyDictionary<string, JsonElement> values,
        long expectedVersion, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, expectedVersion, CaseEventTypes.Updated, m =>
        {
            RequireWork(m);
            var problems = new List<Problem>();
            ApplyFields(m, values, problems);
            if (problems.Count > 0) throw new ValidationException(problems);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Presses one of the template's action buttons: applies any field values given with it, checks the fields
    /// it requires (and, when it resolves, every required-to-resolve field) and its comment, then moves the status.
    /// </summary>
    public Task<CaseChanged> ApplyActionAsync(string caseId, string actionKey, string? comment, long expectedVersion, Actor actor,
        IReadOnlyDictionary<string, JsonElement>? values = null, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, expectedVersion, CaseEventTypes.StatusUpdated, m =>
        {
            RequireWork(m);
            var (c, d) = (m.Case, m.Definition);
            var action = d.FindAction(actionKey) ?? throw new NotFoundException("Action", actionKey);
            if (action.TargetStatus == c.Status)
                throw new ValidationException("action", $"{c.Name} is already {d.FindStatus(c.Status)?.Label ?? c.Status}.");
            if (!d.Allows(c.Status, action.TargetStatus))
                throw new ValidationException("action", $"{c.Name} cannot move from {d.FindStatus(c.Status)?.Label ?? c.Status} to {d.FindStatus(action.TargetStatus)?.Label ?? action.TargetStatus}.");
            if (!CasePermissions.CanPress(actor, action, c.AssigneeId, c.Status, c.StatusType))
                throw new ForbiddenException($"'{action.Label}' is for {string.Join(", ", action.Roles)} only.");
            var target = d.FindStatus(action.TargetStatus)
                ?? throw new ValidationException("action", $"'{action.Label}' points at status '{action.TargetStatus}', which this template version lacks.");

            var problems = new List<Problem>();
            var fields = ApplyFields(m, values ?? new Dictionary<string, JsonElement>(), problems);
            var required = action.RequiredFields
                .Concat(target.Type == StatusType.End ? d.Fields.Where(f => f.RequiredToResolve && !f.Retired).Select(f => f.Key) : [])
                .Distinct();
            foreach (var key in required)
                if (!FieldValues.IsFilled(fields.TryGetValue(key, out var v) ? v : null))
                    problems.Add(new($"fields.{key}", $"{d.FindField(key)?.Label ?? key} is required to {action.Label.ToLowerInvariant()}."));
            if (action.CommentRequired && string.IsNullOrWhiteSpace(comment))
                problems.Add(new("comment", $"A comment is required to {action.Label.ToLowerInvariant()}."));
            if (problems.Count > 0) throw new ValidationException(problems);

            if (!string.IsNullOrWhiteSpace(comment)) AddComment(m, comment);
            var old = d.FindStatus(c.Status)?.Label ?? c.Status;
            m.Audit.Add(CaseEventTypes.StatusUpdated, "status", old, target.Label, $"via '{action.Label}'");
            c.Status = target.Key;
            c.StatusType = target.Type;
            if (target.Type == StatusType.End)
            {
                c.ResolvedAt = m.Now;
                c.Resolution = target.Key;
                (c.ResolverType, c.ResolverId, c.ResolverName) = (actor.Type, actor.Id, actor.Name);
                m.Audit.Add(CaseEventTypes.Resolved, "resolution", null, target.Label, comment);
            }
            return Task.CompletedTask;
        }, ct);

    /// <summary>Reopens a resolved case (leads and admins): back to the template's initial status, resolution cleared.</summary>
    public Task<CaseChanged> ReopenAsync(string caseId, string? reason, long expectedVersion, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, expectedVersion, CaseEventTypes.Reopened, m =>
        {
            var c = m.Case;
            if (c.StatusType != StatusType.End) throw new ValidationException("status", $"{c.Name} is not resolved.");
            if (!CasePermissions.CanReopen(actor, c.StatusType)) throw new ForbiddenException("Only leads and admins can reopen a resolved case.");
            var initial = m.Definition.InitialStatus;
            m.Audit.Add(CaseEventTypes.Reopened, "status", m.Definition.FindStatus(c.Status)?.Label ?? c.Status, initial.Label, reason);
            if (!string.IsNullOrWhiteSpace(reason)) AddComment(m, reason);
            (c.Status, c.StatusType) = (initial.Key, initial.Type);
            (c.ResolvedAt, c.Resolution, c.ResolverType, c.ResolverId, c.ResolverName) = (null, null, null, null, null);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Applies field values to the case and audits each real change; returns the resulting values.</summary>
    private static Dictionary<string, JsonElement> ApplyFields(Mutation m, IReadOnlyDictionary<string, JsonElement> values, List<Problem> problems)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(m.Case.FieldsJson) ?? [];
        var changed = false;
        foreach (var (key, value) in values)
        {
            if (!CheckField(m.Definition, key, value, problems)) continue;
            var old = fields.TryGetValue(key, out var o) ? FieldValues.Raw(o) : null;
            var now = FieldValues.Raw(value);
            if (old == now) continue;
            if (now is null) fields.Remove(key); else fields[key] = value.Clone();
            m.Audit.Add(CaseEventTypes.Updated, $"fields.{key}", old, now);
            changed = true;
        }
        if (changed && problems.Count == 0) m.Case.FieldsJson = JsonSerializer.Serialize(fields);
        return fields;
    }
}
