using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Notifications;

/// <summary>
/// Fills inboxes from the event log (ADR 007): a case assigned to someone (not by themselves), SLA at risk or breached on a
/// case (to its assignee), and <c>@Display Name</c> in a comment (to that user). Written in the batch's transaction with the
/// cursor, so a crash or a second instance never notifies twice or misses one; open inboxes are told after commit.
/// </summary>
public sealed class NotificationConsumer(EventLog log, CasesStore store, EventLogSignal signal, ILogger<NotificationConsumer> logger,
    Leases leases, UserDirectory users, NotificationSignal inboxes)
    : EventLogConsumer(ConsumerName, log, store, signal, logger, leases)
{
    public const string ConsumerName = "notifications";

    protected override async Task HandleAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct)
    {
        var relevant = batch.Where(e => e.CaseId is not null && e.Type is CaseEventTypes.Assigned or CaseEventTypes.SlaAtRisk
            or CaseEventTypes.SlaExpired or CaseEventTypes.Commented).ToList();
        if (relevant.Count == 0) return;
        var people = await users.AllAsync(ct);
        var told = await Store.WriteAsync(async db =>
        {
            var caseIds = relevant.Select(e => e.CaseId!.Value).Distinct().ToList();
            var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
                .Select(c => new { c.Id, c.PublicId, c.Name, c.AssigneeId, c.AssignedAt }).ToDictionaryAsync(c => c.Id, ct);
            var made = new List<Notification>();
            foreach (var e in relevant)
            {
                if (!cases.TryGetValue(e.CaseId!.Value, out var c)) continue;
                void Tell(string? userId, NotificationKind kind, string text)
                {
                    if (userId is null || (userId == e.ActorId && e.ActorType == ActorType.User)) return;   // nobody is told what they did
                    made.Add(new Notification { UserId = userId, EventId = e.Id, Kind = kind, CasePublicId = c.PublicId, CaseName = c.Name, Text = text.Length > 400 ? text[..399] + "…" : text, At = e.At });
                }
                switch (e.Type)
                {
                    // The assignee this event named is the case's assignee if nobody reassigned it since (same time).
                    case CaseEventTypes.Assigned when e.NewValue is not null && c.AssignedAt == e.At:
                        Tell(c.AssigneeId, NotificationKind.Assigned, $"{e.ActorName} assigned {c.Name} to you.");
                        break;
                    case CaseEventTypes.SlaAtRisk:
                        Tell(c.AssigneeId, NotificationKind.SlaAtRisk, $"{c.Name} is at risk of missing its SLA (due {e.Detail}).");
                        break;
                    case CaseEventTypes.SlaExpired:
                        Tell(c.AssigneeId, NotificationKind.SlaBreached, $"{c.Name} breached its SLA (was due {e.Detail}).");
                        break;
                    case CaseEventTypes.Commented when e.NewValue is { } body:
                        foreach (var u in Mentions.In(body, people))
                            Tell(u.Id, NotificationKind.Mentioned, $"{e.ActorName} mentioned you on {c.Name}: {body}");
                        break;
                }
            }
            made = made.DistinctBy(n => (n.UserId, n.EventId, n.Kind)).ToList();
            var eventIds = made.Select(n => n.EventId).Distinct().ToList();
            var existing = (await db.Notifications.Where(n => eventIds.Contains(n.EventId)).Select(n => new { n.UserId, n.EventId, n.Kind }).ToListAsync(ct))
                .Select(x => (x.UserId, x.EventId, x.Kind)).ToHashSet();
            made = made.Where(n => !existing.Contains((n.UserId, n.EventId, n.Kind))).ToList();
            db.Notifications.AddRange(made);
            return made.Select(n => n.UserId).Distinct().ToList();
        }, ct);
        await Store.AfterCommitAsync(() => { foreach (var user in told) inboxes.Notify(user); return Task.CompletedTask; });
    }
}
