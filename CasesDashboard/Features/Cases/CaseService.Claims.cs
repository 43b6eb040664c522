using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Cases;

public sealed partial class CaseService
{
    /// <summary>
    /// Assigns <paramref name="claimer"/> the first waiting case of <paramref name="queue"/>, in the queue's order, among the
    /// templates in <paramref name="templateIds"/> (null: all); null when none is left. Atomic under any number of concurrent
    /// claimers (<see cref="CaseClaims"/>); audited and versioned like any assignment, and published after commit. Who may
    /// claim from which queue is <see cref="NextCase"/>'s to decide.
    /// </summary>
    internal async Task<CaseChanged?> ClaimAsync(QueueInfo queue, IReadOnlyList<int>? templateIds, Actor claimer, CancellationToken ct = default)
    {
        var name = await users.NameOfAsync(claimer.Id, ct) ?? claimer.Name;
        var change = await store.WriteAsync(async db =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await CaseClaims.ClaimAsync(db, new ClaimRequest(queue.Id, queue.SortOrder, templateIds, claimer, name, now), ct);
            if (claimed is null) return null;
            var detail = $"Next case from {queue.Name}";
            var e = AuditEvent.By(claimer, now, CaseEventTypes.Assigned, claimed.Id, field: "assignee", newValue: name, detail: detail);
            e.CaseVersion = claimed.Version;
            db.AuditEvents.Add(e);
            return new CaseChanged(claimed.PublicId, claimed.Name, CaseEventTypes.Assigned, claimer.Type, claimer.Id, claimer.Name, now, claimed.Version,
                [new CaseChange("assignee", null, name, CaseEventTypes.Assigned, detail)]) { Queues = [queue.PublicId] };
        }, ct, StoreIsolation.ReadCommitted);
        if (change is not null) await store.AfterCommitAsync(() => events.PublishAsync(change));
        return change;
    }
}
