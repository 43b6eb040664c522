using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Cases.Bulk;

/// <summary>Configuration section <c>Bulk</c>.</summary>
public sealed class BulkOptions
{
    /// <summary>Cases changed in one write transaction; between batches other people's writes take their turn.</summary>
    public int BatchSize { get; set; } = 50;
}

/// <summary>
/// Applies one operation to many cases: each case through the <see cref="CaseService"/> method the case page uses (its own
/// permission checks, transitions, required fields, stale-version check and audit events), a batch of cases per short write
/// transaction (each case under its own savepoint, so a refused one leaves nothing behind), then a yield so other writers
/// interleave. A cancel stops between cases; what was done stays done and the report says how far it got.
/// </summary>
public sealed class BulkActions(CaseService cases, CaseQuery query, CasesStore store, TemplateService templates, UserDirectory users,
    Queues.QueueDirectory queues, IOptions<BulkOptions> options)
{
    private int BatchSize => Math.Max(1, options.Value.BatchSize);

    /// <summary>What <paramref name="actor"/> may do to many cases at once (the grid renders this).</summary>
    public async Task<BulkOffer> OfferAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanWork) return BulkOffer.Nothing;
        var visible = (await templates.ListAsync(ct)).Where(t => !t.Archived && t.Definition.IsVisibleTo(actor)).ToList();
        var statuses = visible
            .SelectMany(t => t.Definition.Statuses.Where(s => CasePermissions.Reach(actor, s, t.Definition).Ok).Select(s => (Template: t.Name, Status: s)))
            .GroupBy(x => x.Status.Key)
            .Select(g => new BulkStatus(g.Key, g.First().Status.Label, g.Select(x => x.Template).Distinct().ToList()))
            .ToList();
        var assignees = actor.IsLead ? (await users.AllAsync(ct)).Where(u => u.CanWork).ToList() : [];
        var queueList = actor.IsLead ? (await queues.AllAsync(ct)).Where(q => !q.Archived).ToList() : [];
        return new BulkOffer(AssignToMe: true, Unassign: true, assignees, statuses, Tags: true, queueList);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> over <paramref name="selection"/> for <paramref name="actor"/>, reporting progress after each
    /// batch. Refused up front (nothing touched) when the operation is not offered to the actor or can never be valid.
    /// </summary>
    public async Task<BulkReport> RunAsync(BulkSelection selection, BulkOperation operation, Actor actor,
        IProgress<BulkProgress>? progress = null, CancellationToken ct = default)
    {
        operation.Validate();
        (await OfferAsync(actor, ct)).Allows(operation, actor).Require();
        var tally = await StartAsync(selection, actor, ct);
        await foreach (var batch in BatchesAsync(selection, actor, tally, ct))
        {
            await RunBatchAsync(batch, operation, actor, tally, ct);
            progress?.Report(tally.Progress);
            if (ct.IsCancellationRequested) break;
            await Task.Yield();
        }
        return tally.Report(ct.IsCancellationRequested);
    }

    private async Task<Tally> StartAsync(BulkSelection selection, Actor actor, CancellationToken ct)
    {
        if (selection is SelectedCases picked) return new Tally(picked.Cases.Count, 0);
        var extent = await query.ExtentAsync(((MatchingCases)selection).Filter, actor, ct);
        return new Tally(extent.Count, extent.LastId);
    }

    private async IAsyncEnumerable<IReadOnlyList<BulkTarget>> BatchesAsync(BulkSelection selection, Actor actor, Tally tally,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (selection is SelectedCases picked)
        {
            foreach (var chunk in picked.Cases.Chunk(BatchSize))
                if (!ct.IsCancellationRequested) yield return chunk;
            yield break;
        }
        var filter = ((MatchingCases)selection).Filter;
        for (long after = 0; !ct.IsCancellationRequested;)
        {
            var keys = await query.MatchingAfterAsync(filter, actor, after, tally.LastId, BatchSize, CancellationToken.None);
            if (keys.Count == 0) yield break;
            after = keys[^1].Id;
            yield return keys.Select(k => new BulkTarget(k.CaseId, null, k.Name)).ToList();
        }
    }

    /// <summary>One write transaction; the outcomes count only once it committed (a retried transaction starts its list again).</summary>
    private async Task RunBatchAsync(IReadOnlyList<BulkTarget> batch, BulkOperation operation, Actor actor, Tally tally, CancellationToken ct)
    {
        var outcomes = await store.InTransactionAsync(async () =>
        {
            var done = new List<(BulkTarget Target, CaseChanged? Change, string? Refusal)>();
            foreach (var target in batch)
            {
                if (ct.IsCancellationRequested) break;
                try { done.Add((target, await operation.ApplyAsync(cases, target, actor, CancellationToken.None), null)); }
                catch (DomainException e) { done.Add((target, null, Reason(e))); }
            }
            return done;
        }, CancellationToken.None);
        foreach (var (target, change, refusal) in outcomes) tally.Add(target, change, refusal);
    }

    /// <summary>The refusal as the case page words it: each problem's sentence, without the input paths.</summary>
    private static string Reason(DomainException e) => e is InputException input ? string.Join(" ", input.Problems.Select(p => p.Message)) : e.Message;

    private sealed class Tally(int total, long lastId)
    {
        private readonly List<BulkRefusal> refusals = [];
        private int changed, unchanged, refused;
        public long LastId { get; } = lastId;

        public void Add(BulkTarget target, CaseChanged? change, string? refusal)
        {
            if (refusal is not null)
            {
                refused++;
                if (refusals.Count < BulkReport.MaxListed) refusals.Add(new(target.CaseId, target.Name is { Length: > 0 } n ? n : target.CaseId, refusal));
            }
            else if (change!.Changes.Count > 0) changed++;
            else unchanged++;
        }

        public BulkProgress Progress => new(changed + unchanged + refused, total, changed, refused);

        public BulkReport Report(bool cancelled) => new(total, changed, unchanged, refused, refusals, cancelled);
    }
}
