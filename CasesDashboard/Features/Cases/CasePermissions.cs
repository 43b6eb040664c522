using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// Who may do what to a case. Analysts work cases assigned to them and may claim unassigned ones;
/// leads and admins work and assign any case and reopen resolved ones; viewers only read.
/// </summary>
public static class CasePermissions
{
    public static bool CanWork(Actor actor, string? assigneeId, StatusType status) =>
        status != StatusType.End && (actor.IsLead || (actor.CanWork && assigneeId == actor.Id));

    public static bool CanComment(Actor actor) => actor.CanWork;

    public static bool CanTag(Actor actor, string? assigneeId) => actor.IsLead || (actor.CanWork && assigneeId == actor.Id);

    public static bool CanAssignSelf(Actor actor, string? assigneeId, StatusType status) =>
        status != StatusType.End && actor.CanWork && (assigneeId is null || actor.IsLead) && assigneeId != actor.Id;

    public static bool CanAssignAnyone(Actor actor, StatusType status) => status != StatusType.End && actor.IsLead;

    public static bool CanReopen(Actor actor, StatusType status) => status == StatusType.End && actor.IsLead;

    /// <summary>An action is offered when the reader may work the case, it moves the status somewhere new, and their role is allowed.</summary>
    public static bool CanPress(Actor actor, ActionDefinition action, string? assigneeId, string currentStatus, StatusType status) =>
        CanWork(actor, assigneeId, status) && action.TargetStatus != currentStatus && (action.Roles.Count == 0 || actor.Type != ActorType.User || action.Roles.Any(actor.Roles.Contains));

    /// <summary>May <paramref name="actor"/> set the assignee from <paramref name="current"/> to <paramref name="next"/>?</summary>
    public static bool CanAssign(Actor actor, string? current, string? next, StatusType status) =>
        status != StatusType.End && (actor.IsLead
            || (actor.CanWork && next == actor.Id && current is null)
            || (actor.CanWork && next is null && current == actor.Id));
}
