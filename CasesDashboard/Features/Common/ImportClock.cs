namespace CasesDashboard.Features.Common;

/// <summary>
/// A clock an importer sets to the time of each historical event it replays, so imported cases carry
/// their real times through the same services (and the same audit) as live changes.
/// </summary>
public sealed class ImportClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}
