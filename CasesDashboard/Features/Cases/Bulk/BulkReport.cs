namespace CasesDashboard.Features.Cases.Bulk;

/// <summary>How far a run is: cases reached of the total, and how they went.</summary>
public sealed record BulkProgress(int Done, int Total, int Changed, int Refused);

/// <summary>A case the operation was refused for, and the reason in the words the case page would use.</summary>
public sealed record BulkRefusal(string CaseId, string CaseName, string Reason);

/// <summary>
/// What a run did: changed (each with its audit events), already as asked (nothing written), refused (with why; the first
/// <see cref="BulkReport.MaxListed"/> listed) and, when cancelled, not reached. What was done before a cancel stays done.
/// </summary>
public sealed record BulkReport(int Total, int Changed, int Unchanged, int RefusedCount, IReadOnlyList<BulkRefusal> Refusals, bool Cancelled)
{
    public const int MaxListed = 1_000;

    public int NotReached => Math.Max(0, Total - Changed - Unchanged - RefusedCount);

    /// <summary>The refusals grouped by their kind of reason (the case name taken out), largest group first.</summary>
    public IReadOnlyList<(string Reason, int Count)> ReasonCounts => Refusals
        .GroupBy(r => r.Reason.Replace(r.CaseName, "…", StringComparison.Ordinal))
        .Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList();
}
