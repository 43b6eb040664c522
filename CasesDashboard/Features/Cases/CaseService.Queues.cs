using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>A case's queue: routed inside the write that creates or changes it, or placed (pinned) by a lead or the API.</summary>
public sealed partial class CaseService
{
    /// <summary>
    /// Puts the case in a queue (or in none), pinned so routing leaves it there, or hands it back to routing
    /// (<see cref="QueueChoice.Routing"/>). Leads and admins (and Lead API keys); audited as <c>queue</c>, old → new.
    /// </summary>
    public async Task<CaseChanged> MoveToQueueAsync(string caseId, QueueChoice choice, long? expectedVersion, Actor actor, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var target = choice.QueueId is null ? null : await PlaceableQueueAsync(choice.QueueId, problems, ct);
        if (problems.Count > 0) throw new ValidationException(problems);
        return await MutateAsync(caseId, actor, expectedVersion, EditBasis.Of("queue"), CaseEventTypes.Updated, async m =>
        {
            CasePermissions.MoveQueue(actor, m.Access(null)).Require();
            if (!choice.Automatic)
            {
                if (m.Case.QueueId == target?.Id && m.Case.QueuePinned) return;
                await SetQueueAsync(m.Case, m.Audit, target?.Id, Placed(actor), ct, pin: true, always: true);
                return;
            }
            if (!m.Case.QueuePinned) return;
            m.Case.QueuePinned = false;
            await m.Db.SaveChangesAsync(ct);   // routing reads the case unpinned, in this transaction
            var routed = (await router.MovesAsync(m.Db, [m.Case.Id], ct)).SingleOrDefault();
            await SetQueueAsync(m.Case, m.Audit, routed is null ? m.Case.QueueId : routed.To, "back to automatic routing", ct, always: true);
        }, ct);
    }

    /// <summary>After a change of something routing tests (an open, unpinned case), moves the case to where routing now puts it.</summary>
    private async Task RouteAfterChangeAsync(Mutation m, CancellationToken ct)
    {
        var c = m.Case;
        if (c.QueuePinned || c.StatusType == StatusType.End || !m.Audit.Changes.Any(x => Queues.QueueRouter.Affects(x.Field))) return;
        await m.Db.SaveChangesAsync(ct);   // routing reads the case as changed so far, in this transaction
        if ((await router.MovesAsync(m.Db, [c.Id], ct)) is [var move]) await SetQueueAsync(c, m.Audit, move.To, move.How, ct);
    }

    /// <summary>Sets the case's queue and audits the move (by queue name); <paramref name="always"/> audits an unchanged queue too (a re-pin).</summary>
    private async Task SetQueueAsync(Case c, AuditWriter audit, int? to, string how, CancellationToken ct, bool pin = false, bool always = false)
    {
        var from = c.QueueId;
        c.QueuePinned |= pin;
        if (from == to && !always) return;
        audit.Add(CaseEventTypes.Updated, "queue", (await queues.ByIdAsync(from, ct))?.Name, (await queues.ByIdAsync(to, ct))?.Name, how);
        c.QueueId = to;
    }

    private static string Placed(Actor actor) => $"placed by {(actor.Type == ActorType.User ? actor.Name : $"{actor.TypeName} {actor.Name}")}";

    /// <summary>A queue a case may be placed in (it exists and is not archived), or a problem at <c>case_queue</c>.</summary>
    private async Task<Queues.QueueInfo?> PlaceableQueueAsync(string queueId, List<Problem> problems, CancellationToken ct)
    {
        var queue = await queues.FindAsync(queueId, ct);
        if (queue is null) problems.Add(new("case_queue", $"There is no case queue '{queueId}'."));
        else if (queue.Archived) problems.Add(new("case_queue", $"{queue.Name} is archived; cases can no longer be placed in it."));
        return queue is { Archived: false } ? queue : null;
    }

    private async Task<IReadOnlyList<string>> QueueIdsAsync(int? before, int? after, CancellationToken ct)
    {
        var ids = new List<string>(2);
        foreach (var id in new[] { before, after }.Distinct())
            if (await queues.ByIdAsync(id, ct) is { } q) ids.Add(q.PublicId);
        return ids;
    }
}
