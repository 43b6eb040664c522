using Microsoft.AspNetCore.WebUtilities;

namespace CasesDashboard.Components.Layout;

public enum ThemeChoice { System, Light, Dark }

public enum GridDensity { Compact, Comfortable }

/// <summary>
/// How the reader wants the app to look: light, dark or as the system is, and how tall grid rows are. Kept in a cookie
/// (<see cref="CookieName"/>) that the server reads before the first render, so a page never flashes the wrong theme;
/// <see cref="SystemDark"/> remembers what the browser last said about the system, for the same reason.
/// </summary>
public sealed record UiPreferences(ThemeChoice Theme = ThemeChoice.System, GridDensity Density = GridDensity.Compact, bool SystemDark = false)
{
    public const string CookieName = "cases.ui";

    public bool IsDark => Theme == ThemeChoice.Dark || (Theme == ThemeChoice.System && SystemDark);

    /// <summary>Reads the cookie's value; anything missing or unreadable keeps its default.</summary>
    public static UiPreferences Parse(string? cookie)
    {
        var values = QueryHelpers.ParseQuery(cookie);
        string? Value(string key) => values.TryGetValue(key, out var v) ? v.ToString() : null;
        return new(
            Enum.TryParse<ThemeChoice>(Value("theme"), true, out var theme) && Enum.IsDefined(theme) ? theme : ThemeChoice.System,
            Enum.TryParse<GridDensity>(Value("density"), true, out var density) && Enum.IsDefined(density) ? density : GridDensity.Compact,
            Value("system") == "dark");
    }

    public string ToCookie() =>
        $"theme={Theme.ToString().ToLowerInvariant()}&density={Density.ToString().ToLowerInvariant()}&system={(SystemDark ? "dark" : "light")}";
}
