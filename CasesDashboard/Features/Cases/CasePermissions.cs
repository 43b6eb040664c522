using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>Whether something may be done, and when not, why (a sentence for the person or system that asked).</summary>
public sealed record Ability(bool Ok, string? WhyNot = null)
{
    public static readonly Ability Yes = new(true);
    public static Ability No(string why) => new(false, why);

    /// <summary>Throws the refusal as a <see cref="ForbiddenException"/> carrying the reason.</summary>
    public void Require()
    {
        if (!Ok) throw new ForbiddenException(WhyNot ?? "Not allowed.");
    }
}

/// <summary>What a permission check needs to know about the case.</summary>
public sealed record CaseAccess(string Name, string? AssigneeId, string? AssigneeName, string Status, StatusType StatusType)
{
    public bool IsResolved => StatusType == StatusType.End;
}

/// <summary>
/// Who may do what to a case, with the reason when not. Analysts work cases assigned to them and may claim unassigned
/// ones; leads and admins work and assign any case and reopen resolved ones; viewers only read. The services enforce
/// these and the pages show the same answers (<see cref="CaseAbilities"/>), so the UI, the API and automations agree.
/// </summary>
public static class CasePermissions
{
    public static Ability Work(Actor actor, CaseAccess c) =>
        c.IsResolved ? Ability.No($"{c.Name} is resolved; a lead can reopen it.")
        : !actor.CanWork ? Ability.No("Viewers can read cases but not change them.")
        : actor.IsLead || c.AssigneeId == actor.Id ? Ability.Yes
        : c.AssigneeId is null ? Ability.No($"Assign {c.Name} to yourself before working it.")
        : Ability.No($"{c.Name} is assigned to {c.AssigneeName ?? "someone else"}; only they or a lead can work it.");

    public static Ability Comment(Actor actor) =>
        actor.CanWork ? Ability.Yes : Ability.No("Viewers cannot comment.");

    public static Ability Tag(Actor actor, CaseAccess c) =>
        actor.IsLead || (actor.CanWork && c.AssigneeId == actor.Id) ? Ability.Yes
        : actor.CanWork ? Ability.No($"Assign {c.Name} to yourself before tagging it.")
        : Ability.No("Viewers cannot change tags.");

    public static Ability AssignSelf(Actor actor, CaseAccess c) =>
        c.AssigneeId == actor.Id ? Ability.No($"{c.Name} is already assigned to you.") : Assign(actor, c, actor.Id);

    public static Ability UnassignSelf(Actor actor, CaseAccess c) =>
        c.AssigneeId != actor.Id ? Ability.No($"{c.Name} is not assigned to you.") : Assign(actor, c, null);

    public static Ability AssignAnyone(Actor actor, CaseAccess c) =>
        c.IsResolved ? Ability.No($"{c.Name} is resolved; reopen it before assigning.")
        : actor.IsLead ? Ability.Yes : Ability.No("Only leads and admins can assign cases to other people.");

    public static Ability Reopen(Actor actor, CaseAccess c) =>
        !c.IsResolved ? Ability.No($"{c.Name} is not resolved.")
        : actor.IsLead ? Ability.Yes : Ability.No("Only leads and admins can reopen a resolved case.");

    /// <summary>May <paramref name="actor"/> set the assignee from the current one to <paramref name="next"/>?</summary>
    public static Ability Assign(Actor actor, CaseAccess c, string? next) =>
        c.IsResolved ? Ability.No($"{c.Name} is resolved; reopen it before assigning.")
        : !actor.CanWork ? Ability.No("Viewers cannot be given or take cases.")
        : actor.IsLead ? Ability.Yes
        : next == actor.Id && c.AssigneeId is null ? Ability.Yes
        : next is null && c.AssigneeId == actor.Id ? Ability.Yes
        : c.AssigneeId is not null && c.AssigneeId != actor.Id
            ? Ability.No($"{c.Name} is already assigned to {c.AssigneeName ?? "someone else"}; ask a lead to reassign it.")
            : Ability.No("Only leads and admins can assign cases to other people.");

    /// <summary>May the actor press <paramref name="action"/> now: they may work the case, the template allows the move, their role is listed.</summary>
    public static Ability Press(Actor actor, CaseAccess c, ActionDefinition action, TemplateDefinition d) =>
        Work(actor, c) is { Ok: false } work ? work : Move(c, action, d) is { Ok: false } move ? move : Role(actor, action);

    /// <summary>Does the template let <paramref name="action"/> move the case from where it is (a rule of the template, not of the actor)?</summary>
    public static Ability Move(CaseAccess c, ActionDefinition action, TemplateDefinition d) =>
        action.TargetStatus == c.Status ? Ability.No($"{c.Name} is already {d.FindStatus(c.Status)?.Label ?? c.Status}.")
        : !d.Allows(c.Status, action.TargetStatus)
            ? Ability.No($"{c.Name} cannot move from {d.FindStatus(c.Status)?.Label ?? c.Status} to {d.FindStatus(action.TargetStatus)?.Label ?? action.TargetStatus}.")
        : Ability.Yes;

    /// <summary>
    /// May the actor set <paramref name="target"/> directly (the API's set-status)? When every action leading there is limited
    /// to some roles, only those roles may; a status no action leads to, or one an open action leads to, anyone who may work.
    /// </summary>
    public static Ability Reach(Actor actor, StatusDefinition target, TemplateDefinition d)
    {
        var leading = d.Actions.Where(a => a.TargetStatus == target.Key).ToList();
        return leading.Count == 0 || leading.Any(a => Role(actor, a).Ok) ? Ability.Yes
            : Ability.No($"Only {string.Join(", ", leading.SelectMany(a => a.Roles).Distinct())} can move a case to {target.Label}.");
    }

    /// <summary>Setting a case's SLA due time by hand overrides the policy: leads and admins, on open cases.</summary>
    public static Ability SetSla(Actor actor, CaseAccess c) =>
        c.IsResolved ? Ability.No($"{c.Name} is resolved; its SLA is settled.")
        : actor.IsLead ? Ability.Yes : Ability.No("Only leads and admins can set a case's SLA due time.");

    /// <summary>Placing a case in a queue by hand (which pins it there): leads and admins, on open cases.</summary>
    public static Ability MoveQueue(Actor actor, CaseAccess c) =>
        c.IsResolved ? Ability.No($"{c.Name} is resolved; reopen it before moving it to another queue.")
        : actor.IsLead ? Ability.Yes : Ability.No("Only leads and admins can move cases between queues.");

    /// <summary>Redacting erases personal data for good: leads and admins.</summary>
    public static Ability Redact(Actor actor) =>
        actor.IsLead ? Ability.Yes : Ability.No("Only leads and admins can redact a case.");

    /// <summary>Is the actor's role among those the action is for?</summary>
    public static Ability Role(Actor actor, ActionDefinition action) =>
        action.Roles.Count == 0 || actor.HasAnyRole(action.Roles) ? Ability.Yes
        : Ability.No($"'{action.Label}' is for {string.Join(", ", action.Roles)} only.");

    /// <summary>Everything <paramref name="actor"/> may do on the case, with reasons, and what each action needs (for the case page and the API).</summary>
    public static CaseAbilities For(Actor actor, CaseAccess c, TemplateDefinition d, IReadOnlyDictionary<string, System.Text.Json.JsonElement> fields) => new(
        Work: Work(actor, c), Comment: Comment(actor), Tag: Tag(actor, c), AssignSelf: AssignSelf(actor, c), UnassignSelf: UnassignSelf(actor, c),
        AssignAnyone: AssignAnyone(actor, c), Reopen: Reopen(actor, c),
        Actions: d.Actions.Select(a => new ActionAbility(a.Key, Press(actor, c, a, d),
            d.RequiredFor(a).Select(f => new ActionNeed(f.Label, FieldValues.IsFilled(fields.TryGetValue(f.Key, out var v) ? v : null))).ToList()
                .Concat(a.CommentRequired ? [new ActionNeed("a comment", false)] : []).ToList())).ToList())
    {
        MoveQueue = MoveQueue(actor, c),
        SetSla = SetSla(actor, c),
    };
}
