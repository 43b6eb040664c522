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
        long? expectedVersion, Actor actor, CancellationToken ct = default) =>
        UpdateAsync(caseId, new CaseUpdate { Fields = values }, expectedVersion, actor, ct);

    /// <summary>
    /// Sets field values and attaches JSON documents in one change, refused whole when any value or document does not fit.
    /// Field edits rest on the fields they set (checked against <paramref name="expectedVersion"/>, null: the current version);
    /// documents are additive and rest on nothing.
    /// </summary>
    public Task<CaseChanged> UpdateAsync(string caseId, CaseUpdate update, long? expectedVersion, Actor actor, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var documents = update.ExternalData.Select((d, i) => CaseInputRules.Document(d.Name, d.Json, d.Source, Limits, $"external_data[{i}]", problems)).ToList();
        if (problems.Count > 0) throw new ValidationException(problems);
        var basis = update.Fields.Count == 0 ? null : EditBasis.Of(update.Fields.Keys.Select(k => $"fields.{k}").ToArray());
        return MutateAsync(caseId, actor, expectedVersion, basis, CaseEventTypes.Updated, async m =>
        {
            await RequireWorkAsync(m);
            await ApplyFieldsAsync(m, update.Fields, problems, ct);
            if (problems.Count > 0) throw new ValidationException(problems);
            foreach (var document in documents) AddDocument(m, document!);
        }, ct);
    }

    /// <summary>
    /// Presses one of the template's action buttons: applies any field values given with it, checks the fields
    /// it requires (and, when it resolves, every required-to-resolve field) and its comment, then moves the status.
    /// </summary>
    public async Task<CaseChanged> ApplyActionAsync(string caseId, string actionKey, string? comment, long? expectedVersion, Actor actor,
        IReadOnlyDictionary<string, JsonElement>? values = null, CancellationToken ct = default)
    {
        values ??= new Dictionary<string, JsonElement>();
        // What the decision rests on depends on the case's template version, read inside the write.
        return await MutateAsync(caseId, actor, null, null, CaseEventTypes.StatusUpdated, async m =>
        {
            var (c, d) = (m.Case, m.Definition);
            var action = d.FindAction(actionKey) ?? throw new NotFoundException("Action", actionKey);
            var required = d.RequiredFor(action);
            if (expectedVersion is { } read)
                await EditBasis.Decision(required.Select(f => f.Key).Concat(values.Keys)).RequireCurrentAsync(m.Db, c, read, d, ct);
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
            MoveTo(m, target, $"via '{action.Label}'", text);
        }, ct);
    }

    /// <summary>
    /// Moves the case to <paramref name="statusKey"/> directly (the API's set-status): the status must be one of the template's,
    /// the template must allow the move, the actor's role must be among those of the actions that lead there (when every such
    /// action is limited to roles), and an end status needs every required-to-resolve field filled. A resolved case moves only
    /// back to the initial status: that is a reopen (leads and admins, with <paramref name="comment"/> as the reason).
    /// </summary>
    public Task<CaseChanged> SetStatusAsync(string caseId, string statusKey, string? comment, long? expectedVersion, Actor actor,
        CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, null, CaseEventTypes.StatusUpdated, async m =>
        {
            var (c, d) = (m.Case, m.Definition);
            var target = d.FindStatus(statusKey) ?? throw new ValidationException("status",
                $"'{statusKey}' is not a status of {d.Name}: use one of {string.Join(", ", d.Statuses.Select(x => x.Key))}.");
            if (target.Key == c.Status) return;
            if (expectedVersion is { } read)
                await EditBasis.Decision(target.Type == StatusType.End ? d.RequiredToResolve.Select(f => f.Key) : []).RequireCurrentAsync(m.Db, c, read, d, ct);
            var access = m.Access(await users.NameOfAsync(c.AssigneeId, ct));
            if (access.IsResolved)
            {
                if (target.Key != d.InitialStatus.Key)
                    throw new ValidationException("status", $"{c.Name} is resolved; it can only be reopened to {d.InitialStatus.Label} ({d.InitialStatus.Key}).");
                Reopen(m, comment);
                return;
            }
            CasePermissions.Work(actor, access).Require();
            CasePermissions.Reach(actor, target, d).Require();
            if (!d.Allows(c.Status, target.Key))
                throw new ValidationException("status", $"{c.Name} cannot move from {d.FindStatus(c.Status)?.Label ?? c.Status} to {target.Label}.");
            var problems = new List<Problem>();
            if (target.Type == StatusType.End)
            {
                var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(c.FieldsJson) ?? [];
                foreach (var field in d.RequiredToResolve.Where(f => !FieldValues.IsFilled(fields.TryGetValue(f.Key, out var v) ? v : null)))
                    problems.Add(new($"fields.{field.Key}", $"{field.Label} is required to resolve {c.Name}."));
            }
            var text = string.IsNullOrWhiteSpace(comment) ? null : CaseInputRules.Comment(comment, Limits, "comment", problems);
            if (problems.Count > 0) throw new ValidationException(problems);
            if (text is not null) AddComment(m, text);
            MoveTo(m, target, null, text);
        }, ct);

    /// <summary>Sets the status (and, for an end status, the resolution and resolver) and audits the move.</summary>
    private static void MoveTo(Mutation m, StatusDefinition target, string? how, string? comment)
    {
        var c = m.Case;
        m.Audit.Add(CaseEventTypes.StatusUpdated, "status", m.Definition.FindStatus(c.Status)?.Label ?? c.Status, target.Label, how);
        (c.Status, c.StatusType) = (target.Key, target.Type);
        if (target.Type != StatusType.End) return;
        (c.ResolvedAt, c.Resolution) = (m.Now, target.Key);
        (c.ResolverType, c.ResolverId, c.ResolverName) = (m.Actor.Type, m.Actor.Id, m.Actor.Name);
        m.Audit.Add(CaseEventTypes.Resolved, "resolution", null, target.Label, comment);
    }

    /// <summary>Reopens a resolved case (leads and admins) for a stated reason: back to the template's initial status, resolution cleared.</summary>
    public Task<CaseChanged> ReopenAsync(string caseId, string? reason, long? expectedVersion, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, expectedVersion, EditBasis.Of(), CaseEventTypes.Reopened, m =>
        {
            Reopen(m, reason);
            return Task.CompletedTask;
        }, ct);

    private void Reopen(Mutation m, string? reason)
    {
        var c = m.Case;
        CasePermissions.Reopen(m.Actor, m.Access(null)).Require();
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(reason)) problems.Add(new("reason", $"Say why {c.Name} is reopened: the reason goes on its timeline."));
        var text = problems.Count == 0 ? CaseInputRules.Comment(reason, Limits, "reason", problems) : null;
        if (problems.Count > 0) throw new ValidationException(problems);
        var initial = m.Definition.InitialStatus;
        m.Audit.Add(CaseEventTypes.Reopened, "status", m.Definition.FindStatus(c.Status)?.Label ?? c.Status, initial.Label, text);
        AddComment(m, text!);
        (c.Status, c.StatusType) = (initial.Key, initial.Type);
        (c.ResolvedAt, c.Resolution, c.ResolverType, c.ResolverId, c.ResolverName) = (null, null, null, null, null);
    }

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
