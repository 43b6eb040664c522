namespace CasesDashboard.Features.Cases;

/// <summary>How the grid words a value it was given but could not use, and what it did instead.</summary>
public static class FilterNotices
{
    private const int Shown = 40;

    public static string Unknown(string what, string value, string instead = "showing all") => $"Unknown {what} ‘{Quote(value)}’ — {instead}";

    /// <summary>A value as the notice shows it: at most 40 characters (a link can carry anything).</summary>
    public static string Quote(string value) => value.Length <= Shown ? value : value[..Shown] + "…";
}
