using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Queues;

/// <summary>
/// A queue's outlook at the rate it has been worked: its open backlog, the cases resolved from it per day over the last
/// <see cref="QueueForecast.Window"/>, when it would be empty, and how many open cases will breach their SLA before they are
/// reached. <see cref="EmptyAt"/> is null when nothing was resolved in the window ("never at this rate").
/// <see cref="WillBreachIsLowerBound"/>: the backlog was longer than the walk (<see cref="QueueForecast.MaxWalk"/>), so the
/// cases beyond it were not looked at.
/// </summary>
public sealed record QueueOutlook(string QueueId, string QueueName, int Backlog, int ResolvedInWindow, double PerDay, DateTime? EmptyAt,
    int WillBreach, bool WillBreachIsLowerBound)
{
    public bool NeverEmpties => Backlog > 0 && EmptyAt is null;
}

/// <summary>
/// Per-queue forecast: "from the current backlog and the last 7 days' throughput, when will the queue be empty and how many cases
/// will breach before then". Throughput is the queue's cases resolved in the 7 days before now, per day. The backlog is worked in
/// queue order (<see cref="QueueOrders"/>) at that rate: the k-th open case is expected to be finished at now + k / (per day).
/// A case will breach when its clock is running (not paused, not already past due) and its <c>SlaExpiresAt</c> is before that
/// time. With no throughput every running case not yet past due will breach.
/// <para>
/// Everything is read from indexes: the backlog is a count over the queue's open-cases index, the throughput one
/// <c>GROUP BY QueueId</c> over the <c>ResolvedAt</c> range of the window, and the walk pages through only
/// (<c>SlaExpiresAt</c>, <c>SlaStage</c>) in queue order, <see cref="Page"/> rows at a time, at most <see cref="MaxWalk"/> rows.
/// </para>
/// </summary>
public sealed class QueueForecast(CasesStore store, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);
    public const int MaxWalk = 20_000;
    private const int Page = 2_000;

    /// <summary>How long a page may show a forecast read by another page: throughput is a week's, a minute changes little.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (QueueOutlook Outlook, DateTimeOffset At)> held = new();

    /// <summary>The forecast of <paramref name="of"/> for pages: held ones younger than <see cref="MaxAge"/> as they are, the others read now.</summary>
    public async Task<IReadOnlyList<QueueOutlook>> CachedAsync(IReadOnlyList<QueueInfo> of, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var missing = of.Where(q => !held.TryGetValue(q.PublicId, out var h) || now - h.At > MaxAge).ToList();
        foreach (var o in await ForecastAsync(missing, ct)) held[o.QueueId] = (o, now);
        return of.Select(q => held.TryGetValue(q.PublicId, out var h) ? h.Outlook : null).OfType<QueueOutlook>().ToList();
    }

    /// <summary>The forecast of <paramref name="of"/>, read now.</summary>
    public async Task<IReadOnlyList<QueueOutlook>> ForecastAsync(IReadOnlyList<QueueInfo> of, CancellationToken ct = default)
    {
        if (of.Count == 0) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Window;
        await using var db = await store.ReadAsync(ct);
        var ids = of.Select(q => q.Id).ToList();
        var resolved = await db.Cases.AsNoTracking()
            .Where(c => c.ResolvedAt >= since && c.ResolvedAt <= now && c.QueueId != null && ids.Contains(c.QueueId.Value))
            .GroupBy(c => c.QueueId!.Value).Select(g => new { Queue = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Queue, x => x.Count, ct);
        var outlooks = new List<QueueOutlook>(of.Count);
        foreach (var q in of)
        {
            var open = QueueOrders.Open(db.Cases.AsNoTracking(), q.Id);
            var backlog = await open.CountAsync(ct);
            var done = resolved.GetValueOrDefault(q.Id);
            var perDay = done / Window.TotalDays;
            if (backlog == 0)
            {
                outlooks.Add(new QueueOutlook(q.PublicId, q.Name, 0, done, perDay, now, 0, false));
                continue;
            }
            if (done == 0)
            {
                var all = await open.CountAsync(c => c.SlaStage != SlaStage.Paused && c.SlaExpiresAt > now, ct);
                outlooks.Add(new QueueOutlook(q.PublicId, q.Name, backlog, 0, 0, null, all, false));
                continue;
            }
            var (willBreach, walked) = await WalkAsync(QueueOrders.Apply(open, q.SortOrder), now, perDay, ct);
            outlooks.Add(new QueueOutlook(q.PublicId, q.Name, backlog, done, perDay, FinishedAt(now, backlog, perDay), willBreach, walked < backlog));
        }
        return outlooks;
    }

    /// <summary>When the <paramref name="k"/>-th case (1-based) of the queue is expected to be finished.</summary>
    public static DateTime FinishedAt(DateTime now, long k, double perDay) => now + TimeSpan.FromDays(k / perDay);

    private static async Task<(int WillBreach, int Walked)> WalkAsync(IOrderedQueryable<Case> ordered, DateTime now, double perDay, CancellationToken ct)
    {
        var (willBreach, k) = (0, 0);
        while (k < MaxWalk)
        {
            var page = await ordered.Skip(k).Take(Math.Min(Page, MaxWalk - k)).Select(c => new { c.SlaExpiresAt, c.SlaStage }).ToListAsync(ct);
            foreach (var c in page)
            {
                k++;
                if (c.SlaStage != SlaStage.Paused && c.SlaExpiresAt > now && c.SlaExpiresAt < FinishedAt(now, k, perDay)) willBreach++;
            }
            if (page.Count < Page) break;
        }
        return (willBreach, k);
    }
}

/// <summary>How a forecast reads on screens: "empty in ~3 d · 12 will breach".</summary>
public static class QueueOutlookText
{
    public static string Empty(QueueOutlook o, DateTime now) =>
        o.Backlog == 0 ? "empty"
        : o.EmptyAt is not { } at ? "never empty at this rate"
        : $"empty in ~{Span(at - now)}";

    public static string Breaches(QueueOutlook o) =>
        o.WillBreach == 0 ? "none will breach"
        : $"{(o.WillBreachIsLowerBound ? "≥ " : "")}{o.WillBreach:N0} will breach";

    public static string Summary(QueueOutlook o, DateTime now) => o.Backlog == 0 ? "empty" : $"{Empty(o, now)} · {Breaches(o)}";

    public static string Rate(QueueOutlook o) => o.PerDay switch
    {
        0 => "0 / day",
        < 10 => $"{o.PerDay:0.#} / day",
        _ => $"{o.PerDay:N0} / day",
    };

    private static string Span(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{R(t.TotalDays)} d" : t.TotalHours >= 1 ? $"{R(t.TotalHours)} h" : $"{Math.Max(1, R(t.TotalMinutes))} min";

    private static int R(double x) => (int)Math.Round(x, MidpointRounding.AwayFromZero);
}
