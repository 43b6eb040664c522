using System.Collections.Concurrent;
using CasesDashboard.Features.Cases;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Queues;

/// <summary>
/// Live queue counts shared by every open queues page of this instance. A case change (here, or on another instance through
/// <see cref="CaseEvents"/>) marks the queues it touched; once per window (<see cref="QueueOptions.CountsWindow"/>) the marked
/// queues are counted again — once, whatever the number of changes and of open pages — and the pages are told. Counts nobody is
/// watching are dropped instead, and counts older than <see cref="MaxAge"/> are read again when asked for (SLA breaches happen
/// with time, not with changes).
/// </summary>
public sealed class QueueBoard : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private sealed record Held(QueueCounts Counts, DateTimeOffset At);
    private readonly ConcurrentDictionary<string, Held> held = new();
    private readonly ConcurrentDictionary<string, byte> dirty = new();
    private readonly ConcurrentDictionary<Guid, Func<Task>> subscribers = new();
    private readonly CaseEvents events;
    private readonly QueueQuery query;
    private readonly QueueDirectory queues;
    private readonly TimeProvider clock;
    private readonly TimeSpan window;
    private readonly ILogger<QueueBoard> logger;
    private int scheduled;
    private long recounts;

    public QueueBoard(CaseEvents events, QueueQuery query, QueueDirectory queues, TimeProvider clock, IOptions<QueueOptions> options, ILogger<QueueBoard> logger)
    {
        (this.events, this.query, this.queues, this.clock, this.window, this.logger) = (events, query, queues, clock, options.Value.CountsWindow, logger);
        events.Changed += OnChangedAsync;
    }

    /// <summary>How many times queues were counted again after changes (each time, every marked queue once).</summary>
    public long Recounts => Interlocked.Read(ref recounts);

    /// <summary>The counts of <paramref name="of"/>: held ones as they are, missing or old ones read now.</summary>
    public async Task<IReadOnlyList<QueueCounts>> CountsAsync(IReadOnlyList<QueueInfo> of, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var missing = of.Where(q => !held.TryGetValue(q.PublicId, out var h) || now - h.At > MaxAge).ToList();
        foreach (var c in missing.Count == 0 ? [] : await query.CountsAsync(missing, ct)) held[c.QueueId] = new Held(c, now);
        return of.Select(q => held.TryGetValue(q.PublicId, out var h) ? h.Counts : new QueueCounts(q.PublicId, 0, 0, null, 0)).ToList();
    }

    /// <summary>Calls <paramref name="changed"/> after each recount (a page then reads <see cref="CountsAsync"/>) until disposed.</summary>
    public IDisposable Subscribe(Func<Task> changed)
    {
        var key = Guid.NewGuid();
        subscribers[key] = changed;
        return new Unsubscriber(() => subscribers.TryRemove(key, out _));
    }

    private Task OnChangedAsync(CaseChanged change)
    {
        var marked = false;
        foreach (var queue in change.Queues.Where(held.ContainsKey))
        {
            if (subscribers.IsEmpty) held.TryRemove(queue, out _);
            else marked = dirty.TryAdd(queue, 0) | marked;
        }
        if (marked && Interlocked.Exchange(ref scheduled, 1) == 0) _ = RecountLaterAsync();
        return Task.CompletedTask;
    }

    private async Task RecountLaterAsync()
    {
        try
        {
            await Task.Delay(window, clock);
            Interlocked.Exchange(ref scheduled, 0);
            var ids = dirty.Keys.ToList();
            foreach (var id in ids) dirty.TryRemove(id, out _);
            var of = (await queues.AllAsync()).Where(q => ids.Contains(q.PublicId)).ToList();
            var now = clock.GetUtcNow();
            foreach (var c in await query.CountsAsync(of)) held[c.QueueId] = new Held(c, now);
            Interlocked.Increment(ref recounts);
            foreach (var changed in subscribers.Values)
            {
                try { await changed(); }
                catch (Exception e) { logger.LogWarning(e, "A queues page failed to take new counts"); }
            }
        }
        catch (Exception e)
        {
            Interlocked.Exchange(ref scheduled, 0);
            logger.LogWarning(e, "Queue counts could not be read again; pages keep the last ones");
        }
    }

    public void Dispose() => events.Changed -= OnChangedAsync;

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
