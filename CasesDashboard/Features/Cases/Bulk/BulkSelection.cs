namespace CasesDashboard.Features.Cases.Bulk;

/// <summary>A case picked in the grid, with the version the reader saw (a change of state is refused when what it rests on moved since).</summary>
public sealed record BulkTarget(string CaseId, long? Version, string Name);

/// <summary>Which cases a bulk action applies to.</summary>
public abstract record BulkSelection;

/// <summary>Rows the reader ticked.</summary>
public sealed record SelectedCases(IReadOnlyList<BulkTarget> Cases) : BulkSelection;

/// <summary>
/// Every case that matches the filter when the run starts (resolved in keyset batches as the run goes, never as one list); a case
/// that stops matching before it is reached is left alone, one created after the start is not included.
/// </summary>
public sealed record MatchingCases(CaseFilter Filter) : BulkSelection;
