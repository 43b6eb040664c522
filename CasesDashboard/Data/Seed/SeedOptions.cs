namespace CasesDashboard.Data.Seed;

/// <summary>Configuration section <c>Seed</c>.</summary>
public sealed class SeedOptions
{
    /// <summary>Import seed-data/ at start-up (idempotent). Turn off for an install that must start empty.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Folder of the seed JSON; relative paths are resolved against the app's folder.</summary>
    public string Path { get; set; } = "seed-data";
    /// <summary>Password of the demo users (set in appsettings.Development.json). Empty: no demo users and no demo cases.</summary>
    public string DemoPassword { get; set; } = "";
    /// <summary>How many synthetic cases Bogus generates on top of the hand-written ones (fixed seed).</summary>
    public int DemoCases { get; set; } = 300;
    public int RandomSeed { get; set; } = 20261124;
}
