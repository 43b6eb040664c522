namespace CasesDashboard.Features.Analytics;

/// <summary>One recorded value change of a case attribute (its status or its assignee) from the audit trail.</summary>
public sealed record ValueChange(long CaseId, DateTime At, string? Value);

/// <summary>
/// Time spent in each value of an attribute, from the audit trail: each change opens a stretch that the next one closes; the
/// last stretch runs to the case's end (its resolution) or to now. A null value (unassigned) is not counted.
/// </summary>
public static class TimeInStatus
{
    public static IReadOnlyList<StatusTime> Totals(IEnumerable<ValueChange> changes, IReadOnlyDictionary<long, DateTime?> endOf, DateTime now)
    {
        var totals = new Dictionary<string, (TimeSpan Total, HashSet<long> Cases)>();
        foreach (var perCase in changes.GroupBy(c => c.CaseId))
        {
            var ordered = perCase.OrderBy(c => c.At).ToList();
            var end = endOf.TryGetValue(perCase.Key, out var e) && e is { } resolved ? resolved : now;
            for (var i = 0; i < ordered.Count; i++)
            {
                if (ordered[i].Value is not { } value) continue;
                var until = i + 1 < ordered.Count ? ordered[i + 1].At : end;
                if (until <= ordered[i].At) continue;
                var t = totals.TryGetValue(value, out var x) ? x : (TimeSpan.Zero, []);
                t.Cases.Add(perCase.Key);
                totals[value] = (t.Total + (until - ordered[i].At), t.Cases);
            }
        }
        return totals.Select(kv => new StatusTime(kv.Key, kv.Value.Total, kv.Value.Total / kv.Value.Cases.Count, kv.Value.Cases.Count))
            .OrderByDescending(s => s.Total).ToList();
    }
}
