using System.Collections.Concurrent;

namespace CasesDashboard.Features.Cases.Export;

/// <summary>How far an export is: rows written of the rows that matched when it started.</summary>
public sealed record ExportStatus(int Written, int Total, bool Finished);

/// <summary>
/// Running exports by the token the page chose, so the page that started a download can show how far it is (the download runs in
/// the browser's own request; the page reads this in the same process). Only the user who started an export reads its status.
/// Entries are forgotten ten minutes after they finish.
/// </summary>
public sealed class ExportProgress(TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, Entry> running = new();

    private sealed record Entry(string OwnerId, ExportStatus Status, DateTimeOffset Changed);

    /// <summary>A token is 32 hexadecimal characters (a GUID without dashes); anything else is not tracked.</summary>
    public static bool IsToken(string? token) => token is { Length: 32 } && token.All(char.IsAsciiHexDigit);

    public void Report(string token, string ownerId, ExportStatus status)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, old) in running)
            if (old.Status.Finished && now - old.Changed > KeptFor) running.TryRemove(key, out _);
        running[token] = new Entry(ownerId, status, now);
    }

    public ExportStatus? Get(string token, string ownerId) =>
        running.TryGetValue(token, out var e) && e.OwnerId == ownerId ? e.Status : null;
}
