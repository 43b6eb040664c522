using System.Text;

namespace CasesDashboard.Features.Cases.Search;

/// <summary>
/// Free text as the case search reads it: terms split on spaces ("double quotes" keep a phrase together), every term must
/// match. A term shorter than three characters cannot be matched by trigrams: it is left out and listed in
/// <see cref="TooShort"/>, so the page can say so. Long input is cut to <see cref="MaxLength"/> characters and
/// <see cref="MaxTerms"/> terms.
/// </summary>
public sealed record SearchText(IReadOnlyList<string> Terms, IReadOnlyList<string> TooShort, bool Cut)
{
    public const int MinTermLength = 3;
    public const int MaxLength = 200;
    public const int MaxTerms = 8;

    public static readonly SearchText None = new([], [], false);

    public bool IsEmpty => Terms.Count == 0;

    public static SearchText Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return None;
        var cut = text.Length > MaxLength;
        var words = Split(cut ? text[..MaxLength] : text).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var terms = words.Where(w => w.EnumerateRunes().Count() >= MinTermLength).ToList();
        return new(terms.Take(MaxTerms).ToList(), words.Except(terms).ToList(), cut || terms.Count > MaxTerms);
    }

    private static IEnumerable<string> Split(string text)
    {
        var word = new StringBuilder();
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"') quoted = !quoted;
            else if (char.IsWhiteSpace(ch) && !quoted) { if (Take(word) is { } w) yield return w; }
            else if (!char.IsControl(ch)) word.Append(ch);
        }
        if (Take(word) is { } last) yield return last;
    }

    private static string? Take(StringBuilder word)
    {
        var w = word.ToString().Trim();
        word.Clear();
        return w.Length == 0 ? null : w;
    }
}
