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
        var detail = $"Next case from {queue.Name}";
        var request = new ClaimRequest(queue.Id, queue.SortOrder, templateIds, claimer, name, clock.GetUtcNow().UtcDateTime, detail);
        var claimed = store.WritersTakeTurns && !store.InTransaction
            ? await claims.RunAsync(request)
            : await store.WriteAsync(db => CaseClaims.ClaimAsync(db, request, ct), ct);
        if (claimed is null) return null;
        var change = new CaseChanged(claimed.PublicId, claimed.Name, CaseEventTypes.Assigned, claimer.Type, claimer.Id, claimer.Name, request.Now, claimed.Version,
            [new CaseChange("assignee", null, name, CaseEventTypes.Assigned, detail)]) { Queues = [queue.PublicId] };
        await store.AfterCommitAsync(() => events.PublishAsync(change));
        return change;
    }

    /// <summary>
    /// On SQLite claims queue for the one writer anyway, so concurrent ones commit together (group commit): one transaction for
    /// every claim waiting, each claim run after the previous on the same connection. PostgreSQL claims concurrently instead.
    /// </summary>
    private readonly GroupCommit<ClaimRequest, ClaimedCase?> claims = new(requests => store.WriteAsync<IReadOnlyList<ClaimedCase?>>(async db =>
    {
        var results = new List<ClaimedCase?>(requests.Count);
        foreach (var r in requests) results.Add(await CaseClaims.ClaimAsync(db, r, CancellationToken.None));
        return results;
    }));
}
