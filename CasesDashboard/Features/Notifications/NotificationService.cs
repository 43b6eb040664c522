using CasesDashboard.Data;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Notifications;

public sealed record Inbox(IReadOnlyList<Notification> Items, int Unread);

/// <summary>A user's inbox: newest first, unread count, mark one or all read. Only ever the actor's own notifications.</summary>
public sealed class NotificationService(CasesStore store, NotificationSignal signal, TimeProvider clock)
{
    public async Task<Inbox> InboxAsync(Actor actor, int take = 20, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.Id);
        return new Inbox(await mine.OrderByDescending(n => n.Id).Take(Math.Clamp(take, 1, 100)).ToListAsync(ct),
            await mine.CountAsync(n => n.ReadAt == null, ct));
    }

    public async Task MarkReadAsync(long id, Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await store.WriteAsync(db => db.Notifications.Where(n => n.Id == id && n.UserId == actor.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct), ct);
        signal.Notify(actor.Id);
    }

    public async Task MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await store.WriteAsync(db => db.Notifications.Where(n => n.UserId == actor.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct), ct);
        signal.Notify(actor.Id);
    }
}
