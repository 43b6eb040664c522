namespace CasesDashboard.Features.Notifications;

/// <summary>Tells open inboxes (in this process) that a user's notifications changed. Keyed: a subscription hears one user only.</summary>
public sealed class NotificationSignal
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<Func<Task>>> byUser = [];

    public IDisposable Subscribe(string userId, Func<Task> changed)
    {
        lock (gate)
        {
            if (!byUser.TryGetValue(userId, out var list)) byUser[userId] = list = [];
            list.Add(changed);
        }
        return new Unsubscriber(() => { lock (gate) byUser.GetValueOrDefault(userId)?.Remove(changed); });
    }

    public void Notify(string userId)
    {
        List<Func<Task>> handlers;
        lock (gate) handlers = byUser.TryGetValue(userId, out var list) ? [.. list] : [];
        foreach (var h in handlers) _ = h();
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
