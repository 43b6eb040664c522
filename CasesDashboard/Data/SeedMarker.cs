namespace CasesDashboard.Data;

/// <summary>Records that a one-time import (the demo cases) ran, so a restart does not repeat it.</summary>
public sealed class SeedMarker
{
    public string Key { get; set; } = "";
    public DateTime AppliedAt { get; set; }
}
