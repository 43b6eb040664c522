using System.Text.Json;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

public sealed partial class CaseService
{
    /// <summary>Sets or clears (JSON null) input field values. Refused whole if any value does not fit its field or its panel is disabled.</summary>
    public Task<CaseChanged> UpdateFieldsAsync(string caseId, IReadOnlyDictionary<string, JsonElement> values,
        long expectedVersion, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, expectedVersion, EditBasis.Of(values.Keys.Select(k => $"fields.{k}").ToArray()), CaseEventTypes.Updated, async m =>
        {
            await RequireWorkAsync(m);
            var problems = new List<Problem>();
            await ApplyFieldsAsync(m, values, problems, ct);
            if (problems.Count > 0) throw new ValidationException(problems);
        }, ct);

    /// <summary>
    /// Presses one of the template's action buttons: applies any field values given with it, checks the fields
    /// it requires (and, when it resolves, every required-to-resolve field) and its comment, then moves the status.
    /// </summary>
    public async Task<CaseChanged> ApplyActionAsync(string caseId, string actionKey, string? comment, long expectedVersion, Actor actor,
        IReadOnlyDictionary<string, JsonElement>? values = null, CancellationToken ct = default)
    {
        values ??= new Dictionary<string, JsonElement>();
        // What the decision rests on depends on the case's template version, read inside the write.
        return await MutateAsync(caseId, actor, null, null, CaseEventTypes.StatusUpdated, async m =>
        {
            var (c, d) = (m.Case, m.Definition);
            var action = d.FindAction(actionKey) ?? throw new NotFoundException("Action", actionKey);
            var required = d.RequiredFor(action);
            await EditBasis.Decision(required.Select(f => f.Key).Concat(values.Keys)).RequireCurrentAsync(m.Db, c, expectedVersion, d, ct);
            var access = m.Access(await users.NameOfAsync(c.AssigneeId, ct));
            CasePermissions.Work(actor, access).Require();
            if (CasePermissions.Move(access, action, d) is { Ok: false } move) throw new ValidationException("action", move.WhyNot!);
            CasePermissions.Role(actor, action).Require();
            var target = d.FindStatus(action.TargetStatus)
                ?? throw new ValidationException("action", $"'{action.Label}' points at status '{action.TargetStatus}', which this template version lacks.");

            var problems = new List<Problem>();
            var fields = await ApplyFieldsAsync(m, values, problems, ct);
            foreach (var field in required.Where(f => !FieldValues.IsFilled(fields.TryGetValue(f.Key, out var v) ? v : null)))
                problems.Add(new($"fields.{field.Key}", $"{field.Label} is required to {action.Label.ToLowerInvariant()}."));
            if (action.CommentRequired && string.IsNullOrWhiteSpace(comment))
                problems.Add(new("comment", $"A comment is required to {action.Label.ToLowerInvariant()}."));
            var text = string.IsNullOrWhiteSpace(comment) ? null : CaseInputRules.Comment(comment, Limits, "comment", problems);
            if (problems.Count > 0) throw new ValidationException(problems);

            if (text is not null) AddComment(m, text);
            var old = d.FindStatus(c.Status)?.Label ?? c.Status;
            m.Audit.Add(CaseEventTypes.StatusUpdated, "status", old, target.Label, $"via '{action.Label}'");
            c.Status = target.Key;
            c.StatusType = target.Type;
            if (target.Type == StatusType.End)
            {
                c.ResolvedAt = m.Now;
                c.Resolution = target.Key;
                (c.ResolverType, c.ResolverId, c.ResolverName) = (actor.Type, actor.Id, actor.Name);
                m.Audit.Add(CaseEventTypes.Resolved, "resolution", null, target.Label, text);
            }
        }, ct);
    }

    /// <summary>Reopens a resolved case (leads and admins) for a stated reason: back to the template's initial status, resolution cleared.</summary>
    public Task<CaseChanged> ReopenAsync(string caseId, string? reason, long expectedVersion, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, expectedVersion, EditBasis.Of(), CaseEventTypes.Reopened, m =>
        {
            var c = m.Case;
            CasePermissions.Reopen(actor, m.Access(null)).Require();
            var problems = new List<Problem>();
            if (string.IsNullOrWhiteSpace(reason)) problems.Add(new("reason", $"Say why {c.Name} is reopened: the reason goes on its timeline."));
            var text = problems.Count == 0 ? CaseInputRules.Comment(reason, Limits, "reason", problems) : null;
            if (problems.Count > 0) throw new ValidationException(problems);
            var initial = m.Definition.InitialStatus;
            m.Audit.Add(CaseEventTypes.Reopened, "status", m.Definition.FindStatus(c.Status)?.Label ?? c.Status, initial.Label, text);
            AddComment(m, text!);
            (c.Status, c.StatusType) = (initial.Key, initial.Type);
            (c.ResolvedAt, c.Resolution, c.ResolverType, c.ResolverId, c.ResolverName) = (null, null, null, null, null);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Applies field values to the case and audits each real change; returns the resulting values. A value that does not fit
    /// its field, or a field whose Inputs panel the template disables for this case, is a problem.
    /// </summary>
    private static async Task<Dictionary<string, JsonElement>> ApplyFieldsAsync(Mutation m, IReadOnlyDictionary<string, JsonElement> values,
        List<Problem> problems, CancellationToken ct)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(m.Case.FieldsJson) ?? [];
        if (values.Count == 0) return fields;
        var facts = new CaseFacts(fields, PanelRules.NeedsObjects(m.Definition) ? await LinkedObjectsAsync(m, ct) : []);
        var changed = false;
        foreach (var (key, value) in values)
        {
            if (!CaseInputRules.CheckField(m.Definition, key, value, $"fields.{key}", problems)) continue;
            if (PanelRules.WhyNotEditable(m.Definition, key, facts) is { } why) { problems.Add(new($"fields.{key}", why)); continue; }
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

    private static Task<List<CaseObject>> LinkedObjectsAsync(Mutation m, CancellationToken ct) =>
        (from l in m.Db.CaseObjectLinks
         join o in m.Db.Objects on l.ObjectId equals o.Id
         where l.CaseId == m.Case.Id
         select o).AsNoTracking().ToListAsync(ct);
}
