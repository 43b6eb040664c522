using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Cases.Bulk;

/// <summary>A status the grid may move selected cases to, with the templates that have it.</summary>
public sealed record BulkStatus(string Key, string Label, IReadOnlyList<string> Templates);

/// <summary>
/// The bulk operations an actor is offered. Leads and admins assign to anyone and unassign any case; analysts claim cases
/// (assign to me) and give their own back (unassign); viewers are offered nothing. Statuses are those of the visible templates
/// the actor's role may reach. Leads and admins move cases between the queues that are not archived. Each case is still checked
/// on its own when the run reaches it.
/// </summary>
public sealed record BulkOffer(bool AssignToMe, bool Unassign, IReadOnlyList<UserInfo> Assignees, IReadOnlyList<BulkStatus> Statuses, bool Tags,
    IReadOnlyList<Queues.QueueInfo> Queues)
{
    public static readonly BulkOffer Nothing = new(false, false, [], [], false, []);

    /// <summary>Moving cases between queues is offered (a lead or admin): to any of <see cref="Queues"/>, out of queues, or back to routing.</summary>
    public bool MoveQueues => Queues.Count > 0;

    public bool Any => AssignToMe || Unassign || Assignees.Count > 0 || Statuses.Count > 0 || Tags || MoveQueues;

    /// <summary>Is <paramref name="operation"/> among what was offered to <paramref name="actor"/>?</summary>
    public Ability Allows(BulkOperation operation, Actor actor) => operation switch
    {
        BulkAssign { AssigneeId: null } => Unassign ? Ability.Yes : Ability.No("You cannot unassign cases."),
        BulkAssign a when a.AssigneeId == actor.Id && AssignToMe => Ability.Yes,
        BulkAssign a => Assignees.Any(u => u.Id == a.AssigneeId) ? Ability.Yes : Ability.No("Only leads and admins can assign cases to other people."),
        BulkSetStatus s => Statuses.Any(x => x.Key == s.Status) ? Ability.Yes : Ability.No($"You cannot move cases to '{s.Status}'."),
        BulkAddTag or BulkRemoveTag => Tags ? Ability.Yes : Ability.No("Viewers cannot change tags."),
        BulkMoveToQueue { Choice.QueueId: { } q } => Queues.Any(x => x.PublicId == q) ? Ability.Yes
            : MoveQueues ? Ability.No($"There is no open case queue '{q}'.") : Ability.No("Only leads and admins can move cases between queues."),
        BulkMoveToQueue => MoveQueues ? Ability.Yes : Ability.No("Only leads and admins can move cases between queues."),
        _ => Ability.No("This operation is not offered."),
    };
}
