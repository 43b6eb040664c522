namespace CasesDashboard.Features.Common;

/// <summary>Import documents give a time either absolutely (<c>*_at</c>) or relative to the import (<c>*_hours_ago</c>, for demo data).</summary>
public static class ImportTime
{
    public static DateTime Resolve(DateTime? at, double? hoursAgo, DateTime anchor) =>
        at is { } t ? DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)
        : hoursAgo is { } h ? anchor.AddHours(-h)
        : anchor;
}
