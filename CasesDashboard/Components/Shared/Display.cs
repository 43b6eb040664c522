using System.Globalization;
using MudBlazor;

namespace CasesDashboard.Components.Shared;

/// <summary>How times, colours and enum values read on screen.</summary>
public static class Display
{
    public static string Time(DateTime? utc) =>
        utc is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>A length of time, coarse: "45 min", "6 h 30 min", "3 d 4 h".</summary>
    public static string Duration(TimeSpan span)
    {
        var abs = span.Duration();
        return abs.TotalMinutes < 60 ? $"{(int)abs.TotalMinutes} min"
            : abs.TotalHours < 48 ? (abs.Minutes == 0 ? $"{(int)abs.TotalHours} h" : $"{(int)abs.TotalHours} h {abs.Minutes} min")
            : abs.Hours == 0 ? $"{(int)abs.TotalDays} d" : $"{(int)abs.TotalDays} d {abs.Hours} h";
    }

    public static string Relative(DateTime utc, DateTime now)
    {
        var span = utc - now;
        var abs = span.Duration();
        var text = abs.TotalMinutes < 60 ? $"{(int)abs.TotalMinutes} min"
            : abs.TotalHours < 48 ? $"{(int)abs.TotalHours} h"
            : $"{(int)abs.TotalDays} d";
        return span >= TimeSpan.Zero ? $"in {text}" : $"{text} ago";
    }

    /// <summary>snake_case option keys read as words: <c>needs_review</c> → "Needs review".</summary>
    public static string Words(string? key) => Features.Common.Wording.Words(key);

    public static Color ColorOf(string? name) =>
        Enum.TryParse<Color>(name, ignoreCase: true, out var c) ? c : Color.Default;
}
