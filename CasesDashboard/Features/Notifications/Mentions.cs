using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Notifications;

/// <summary>An <c>@</c> being typed at the end of a comment: where it starts and what follows it so far.</summary>
public sealed record PendingMention(int At, string Partial);

/// <summary>
/// <c>@Display Name</c> mentions: who a comment mentions (the notifications consumer), and, while it is being written, whom the
/// <c>@…</c> at its end could mean and the text once one of them is chosen (the comment box).
/// </summary>
public static class Mentions
{
    private const int MaxPartial = 40;

    /// <summary>The users whose display name follows an @ (longest names first, any case).</summary>
    public static IReadOnlyList<UserInfo> In(string text, IReadOnlyList<UserInfo> people) =>
        people.Where(u => u.DisplayName.Length > 0 && text.Contains("@" + u.DisplayName, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(u => u.DisplayName.Length).ToList();

    /// <summary>
    /// The mention being typed at the end of <paramref name="text"/>: an @ at the start or after a space (not inside an email
    /// address), followed by at most one line of up to 40 characters that does not end in a space; null when there is none.
    /// </summary>
    public static PendingMention? Pending(string? text)
    {
        if (string.IsNullOrEmpty(text) || char.IsWhiteSpace(text[^1])) return null;
        var at = text.LastIndexOf('@');
        if (at < 0 || (at > 0 && !char.IsWhiteSpace(text[at - 1]))) return null;
        var partial = text[(at + 1)..];
        return partial.Length > MaxPartial || partial.Contains('\n') ? null : new PendingMention(at, partial);
    }

    /// <summary>Up to <paramref name="max"/> people the pending mention could mean: a name, or one of its words, starts with what was typed.</summary>
    public static IReadOnlyList<UserInfo> Suggest(string? text, IEnumerable<UserInfo> people, int max = 6)
    {
        if (Pending(text) is not { } p) return [];
        bool Fits(UserInfo u) => u.DisplayName.StartsWith(p.Partial, StringComparison.OrdinalIgnoreCase)
            || u.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.StartsWith(p.Partial, StringComparison.OrdinalIgnoreCase));
        return people.Where(u => u.DisplayName.Length > 0 && Fits(u)).OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase).Take(max).ToList();
    }

    /// <summary><paramref name="text"/> with its pending mention replaced by <paramref name="person"/>'s whole name and a space.</summary>
    public static string Complete(string text, UserInfo person) =>
        Pending(text) is { } p ? $"{text[..p.At]}@{person.DisplayName} " : text;
}
