namespace CasesDashboard.Features.Common;

/// <summary>How keys read as words in messages and on screen.</summary>
public static class Wording
{
    /// <summary>snake_case keys read as words: <c>needs_review</c> → "Needs review".</summary>
    public static string Words(string? key) =>
        string.IsNullOrEmpty(key) ? "" : char.ToUpperInvariant(key[0]) + key[1..].Replace('_', ' ');

    /// <summary>"a, b and c".</summary>
    public static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= 1 ? string.Concat(all) : $"{string.Join(", ", all[..^1])} and {all[^1]}";
    }
}
