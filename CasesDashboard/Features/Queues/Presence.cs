using System.Collections.Concurrent;
using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Queues;

/// <summary>Someone with a case open.</summary>
public sealed record Viewer(string UserId, string Name);

/// <summary>
/// Who has which case open, and who has a browser session of the app open, across instances. Case pages register a view
/// (<see cref="View"/>) and watch a case (<see cref="Watch"/>); circuits open and close sessions (<see cref="OpenSession"/>).
/// Other instances learn of views through the <see cref="ClusterBus"/>: each view and leave as it happens, and every
/// <see cref="HeartbeatPeriod"/> a snapshot of this instance's views (after a reconnect too); a view from another instance that
/// is not repeated within <see cref="RemoteLifetime"/> is forgotten, so a crashed instance's viewers fade out.
/// </summary>
public sealed class Presence
{
    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RemoteLifetime = TimeSpan.FromSeconds(90);
    private const string Kind = "presence";

    private sealed record Entry(string Token, string CaseId, string UserId, string Name);
    private sealed record Message(string Op, IReadOnlyList<Entry> Entries);
    private sealed record Remote(Entry Entry, DateTimeOffset Expires);

    private readonly ConcurrentDictionary<string, Entry> local = new();
    private readonly ConcurrentDictionary<(string Instance, string Token), Remote> remote = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<Task>>> watchers = new();
    private readonly ConcurrentDictionary<string, (Actor User, int Sessions)> sessions = new();
    private readonly ClusterBus? bus;
    private readonly TimeProvider clock;
    private readonly ILogger<Presence> logger;

    public Presence(TimeProvider clock, ILogger<Presence> logger, ClusterBus? bus = null)
    {
        (this.clock, this.logger, this.bus) = (clock, logger, bus);
        if (bus is not null) bus.Received += OnMessageAsync;
    }

    /// <summary>Registers <paramref name="viewer"/> on the case until the returned handle is disposed.</summary>
    public IDisposable View(string caseId, Viewer viewer)
    {
        var entry = new Entry(Guid.NewGuid().ToString("N"), caseId, viewer.UserId, viewer.Name);
        local[entry.Token] = entry;
        _ = ChangedAsync(caseId, new Message("view", [entry]));
        return new Handle(() =>
        {
            if (local.TryRemove(entry.Token, out _)) _ = ChangedAsync(caseId, new Message("leave", [entry]));
        });
    }

    /// <summary>Calls <paramref name="changed"/> whenever someone starts or stops viewing the case, here or on another instance.</summary>
    public IDisposable Watch(string caseId, Func<Task> changed)
    {
        var key = Guid.NewGuid();
        watchers.GetOrAdd(caseId, _ => new())[key] = changed;
        return new Handle(() =>
        {
            if (watchers.TryGetValue(caseId, out var list)) list.TryRemove(key, out _);
        });
    }

    /// <summary>Everyone viewing the case, once each, in name order.</summary>
    public IReadOnlyList<Viewer> ViewersOf(string caseId)
    {
        var now = clock.GetUtcNow();
        return local.Values.Where(e => e.CaseId == caseId)
            .Concat(remote.Values.Where(r => r.Entry.CaseId == caseId && r.Expires > now).Select(r => r.Entry))
            .Select(e => new Viewer(e.UserId, e.Name)).DistinctBy(v => v.UserId).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>A browser session of <paramref name="user"/> is open on this instance until the handle is disposed.</summary>
    public IDisposable OpenSession(Actor user)
    {
        sessions.AddOrUpdate(user.Id, (user, 1), (_, s) => (user, s.Sessions + 1));
        return new Handle(() =>
        {
            while (sessions.TryGetValue(user.Id, out var s))
            {
                if (s.Sessions <= 1 ? sessions.TryRemove(new KeyValuePair<string, (Actor, int)>(user.Id, s)) : sessions.TryUpdate(user.Id, (s.User, s.Sessions - 1), s)) return;
            }
        });
    }

    /// <summary>The users with a session open on this instance.</summary>
    public IReadOnlyList<Actor> SessionUsers => sessions.Values.Select(s => s.User).ToList();

    /// <summary>Tells the other instances every view of this one (the heartbeat), and forgets their views that were not repeated.</summary>
    public async Task AnnounceAsync()
    {
        var now = clock.GetUtcNow();
        var expired = remote.Where(r => r.Value.Expires <= now).ToList();
        foreach (var (key, _) in expired) remote.TryRemove(key, out _);
        foreach (var caseId in expired.Select(e => e.Value.Entry.CaseId).Distinct()) await NotifyAsync(caseId);
        if (bus is null) return;
        foreach (var chunk in local.Values.Chunk(40)) await bus.BroadcastAsync(Kind, JsonSerializer.Serialize(new Message("view", chunk)));
    }

    private async Task ChangedAsync(string caseId, Message message)
    {
        await NotifyAsync(caseId);
        if (bus is not null) await bus.BroadcastAsync(Kind, JsonSerializer.Serialize(message));
    }

    private async Task OnMessageAsync(ClusterMessage m)
    {
        if (m.Kind == ClusterBus.Resync) { await AnnounceAsync(); return; }
        if (m.Kind != Kind || JsonSerializer.Deserialize<Message>(m.Payload) is not { } message) return;
        var expires = clock.GetUtcNow() + RemoteLifetime;
        foreach (var e in message.Entries)
        {
            var known = remote.ContainsKey((m.Instance, e.Token));
            if (message.Op == "leave") remote.TryRemove((m.Instance, e.Token), out _);
            else remote[(m.Instance, e.Token)] = new Remote(e, expires);
            if (message.Op == "leave" || !known) await NotifyAsync(e.CaseId);
        }
    }

    private async Task NotifyAsync(string caseId)
    {
        if (!watchers.TryGetValue(caseId, out var list)) return;
        foreach (var changed in list.Values)
        {
            try { await changed(); }
            catch (Exception e) { logger.LogWarning(e, "A presence watcher of {Case} failed", caseId); }
        }
    }

    private sealed class Handle(Action dispose) : IDisposable
    {
        private int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
        }
    }
}
