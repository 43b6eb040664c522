using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Queues;

/// <summary>A queue as the services read it (cached by <see cref="QueueDirectory"/>): settings, parsed routing condition, members.</summary>
public sealed record QueueInfo(
    int Id, string PublicId, string Key, string Name, string? Description, int Position, string? ConditionsJson, CasePredicate? Conditions,
    QueueSortOrder SortOrder, AssignmentPolicy Policy, int? MaxOpenPerAnalyst, bool SkipAway, bool Archived, long Revision,
    DateTime UpdatedAt, string UpdatedBy, IReadOnlyList<string> MemberIds)
{
    public bool IsMember(string userId) => MemberIds.Contains(userId);

    public bool AssignsAutomatically => Policy != AssignmentPolicy.Manual && !Archived;

    /// <summary>"Round robin (High risk queue)": how an automatic assignment is shown on a case's timeline.</summary>
    public string PolicyActorName => $"{AssignmentPolicies.Label(Policy)} ({Name} queue)";

    /// <summary>The actor the policy assigns as: its own kind (Persona's <c>case-assignment-policy</c>), with a lead's rights and no more.</summary>
    public Actor PolicyActor => new(ActorType.Policy, PublicId, PolicyActorName, new HashSet<string> { Roles.Lead });
}
