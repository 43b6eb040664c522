using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Cases.Bulk;

/// <summary>
/// One change applied to every selected case, each through the same <see cref="CaseService"/> method the case page calls, so
/// permissions, transitions, required fields and the version the reader saw apply per case and each case gets its own audit events.
/// </summary>
public abstract record BulkOperation
{
    /// <summary>Refuses the operation as a whole before any case is touched (a tag that can never be valid).</summary>
    public virtual void Validate() { }

    internal abstract Task<CaseChanged> ApplyAsync(CaseService cases, BulkTarget target, Actor actor, CancellationToken ct);
}

/// <summary>Assigns every case to <paramref name="AssigneeId"/>, or unassigns them (null).</summary>
public sealed record BulkAssign(string? AssigneeId) : BulkOperation
{
    internal override Task<CaseChanged> ApplyAsync(CaseService cases, BulkTarget t, Actor actor, CancellationToken ct) =>
        cases.AssignAsync(t.CaseId, AssigneeId, t.Version, actor, ct);
}

/// <summary>Moves every case to a status of its template (the API's set-status: transitions, roles, required fields).</summary>
public sealed record BulkSetStatus(string Status, string? Comment = null) : BulkOperation
{
    internal override Task<CaseChanged> ApplyAsync(CaseService cases, BulkTarget t, Actor actor, CancellationToken ct) =>
        cases.SetStatusAsync(t.CaseId, Status, Comment, t.Version, actor, ct);
}

public sealed record BulkAddTag(string Tag) : BulkOperation
{
    public override void Validate()
    {
        if (CaseInputRules.NormalizeTag(Tag) is null)
            throw new ValidationException("tag", $"A tag is 1-{CaseInputRules.MaxTagLength} letters, digits, '-', '_' or ':'.");
    }

    internal override Task<CaseChanged> ApplyAsync(CaseService cases, BulkTarget t, Actor actor, CancellationToken ct) =>
        cases.AddTagAsync(t.CaseId, Tag, actor, ct);
}

public sealed record BulkRemoveTag(string Tag) : BulkOperation
{
    internal override Task<CaseChanged> ApplyAsync(CaseService cases, BulkTarget t, Actor actor, CancellationToken ct) =>
        cases.RemoveTagAsync(t.CaseId, Tag, actor, ct);
}

/// <summary>
/// Moves every case to a queue (pinned there, as a lead's move on the case page), out of any queue (<see cref="QueueChoice.None"/>),
/// or back to automatic routing (<see cref="QueueChoice.Routing"/>).
/// </summary>
public sealed record BulkMoveToQueue(QueueChoice Choice) : BulkOperation
{
    internal override Task<CaseChanged> ApplyAsync(CaseService cases, BulkTarget t, Actor actor, CancellationToken ct) =>
        cases.MoveToQueueAsync(t.CaseId, Choice, t.Version, actor, ct);
}
