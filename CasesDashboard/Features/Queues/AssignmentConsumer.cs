using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Queues;

/// <summary>
/// The automatic assignment policies, run from the event log (ADR 010). A queue with a policy hands its waiting cases out, in
/// queue order, when a case enters it, and when capacity may have been freed anywhere: a case resolved or taken from its
/// assignee, an analyst back from away, the queue's members or policy changed. Each assignment goes through
/// <see cref="CaseService.AssignAsync"/> as the queue's policy (audited, versioned, published) in the same transaction as the
/// cursor, so it happens once, on one instance, and survives a crash. A queue with more waiting cases than one batch hands out
/// (<see cref="FillLimit"/>) records that it continues, and the next read of the log carries on.
/// </summary>
public sealed class AssignmentConsumer(EventLog log, CasesStore store, EventLogSignal signal, QueueDirectory queues, CaseService cases,
    AssignmentPolicies policies, TimeProvider clock, ILogger<AssignmentConsumer> logger, Leases? leases = null)
    : EventLogConsumer("queue-assignment", log, store, signal, logger, leases)
{
    public const int FillLimit = 200;
    public const string ContinuedEvent = "queue.assignment-continued";

    protected override async Task HandleAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct)
    {
        var all = (await queues.AllAsync(ct)).Where(q => q.AssignsAutomatically).ToList();
        if (all.Count == 0) return;
        var entered = batch.Where(e => e is { CaseId: not null, Field: "queue", NewValue: not null }).Select(e => e.CaseId!.Value).ToList();
        var touched = batch.Where(e => e.Subject?.StartsWith("queue:", StringComparison.Ordinal) == true).Select(e => e.Subject![6..]).ToHashSet();
        var freed = batch.Any(e => e.Type == CaseEventTypes.Resolved || e is { Type: CaseEventTypes.Assigned, OldValue: not null }
            || e.Type == AvailabilityService.AvailableEvent);
        var fill = freed ? all : all.Where(q => touched.Contains(q.PublicId)).ToList();
        if (entered.Count > 0)
        {
            var into = await Store.WriteAsync(db => db.Cases.Where(c => entered.Contains(c.Id) && c.QueueId != null).Select(c => c.QueueId!.Value).Distinct().ToListAsync(ct), ct);
            fill = [.. fill.UnionBy(all.Where(q => into.Contains(q.Id)), q => q.Id)];
        }
        foreach (var queue in fill) await FillAsync(queue, ct);
    }

    /// <summary>Hands waiting cases of <paramref name="queue"/> out by its policy, in queue order, until nobody may take one or none waits.</summary>
    private async Task FillAsync(QueueInfo queue, CancellationToken ct)
    {
        var actor = queue.PolicyActor;
        for (var given = 0; ; given++)
        {
            var (next, member) = await Store.WriteAsync(async db =>
            {
                var first = await QueueOrders.Apply(QueueOrders.Waiting(db.Cases, queue.Id), queue.SortOrder).Select(c => c.PublicId).FirstOrDefaultAsync(ct);
                return (first, first is null ? null : AssignmentPolicies.Choose(queue, await policies.MembersAsync(db, queue, ct)));
            }, ct);
            if (next is null || member is null) return;
            if (given == FillLimit)
            {
                await Store.WriteAsync(db => Task.FromResult(db.AuditEvents.Add(AuditEvent.By(actor, clock.GetUtcNow().UtcDateTime, ContinuedEvent,
                    subject: $"queue:{queue.PublicId}", detail: $"{FillLimit} cases assigned; more are waiting"))), ct);
                return;
            }
            await cases.AssignAsync(next, member.UserId, null, actor, ct);
            await Store.WriteAsync(async db =>
            {
                var turn = await db.QueueMembers.Where(m => m.QueueId == queue.Id).MaxAsync(m => m.LastTurn, ct) + 1;
                await db.QueueMembers.Where(m => m.QueueId == queue.Id && m.UserId == member.UserId)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastTurn, turn), ct);
                return 0;
            }, ct);
        }
    }
}
