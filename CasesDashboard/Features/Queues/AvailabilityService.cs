using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Queues;

/// <summary>
/// Whether analysts take new cases. The app bar's switch sets away / available; a user with no browser session open for
/// <see cref="QueueOptions.AwayAfter"/> counts as away too (<see cref="AssignmentPolicies.IsAway(Availability?)"/>). Coming back —
/// the switch, or a session opening after that long — is audited as <c>user.available</c> (subject <c>user:&lt;id&gt;</c>), so the
/// assignment policies, reading the event log, give them cases again.
/// </summary>
public sealed class AvailabilityService(CasesStore store, TimeProvider clock, AssignmentPolicies policies)
{
    public const string AvailableEvent = "user.available";
    public const string AwayEvent = "user.away";

    public static string Subject(string userId) => $"user:{userId}";

    /// <summary>Has <paramref name="userId"/> switched to away?</summary>
    public async Task<bool> IsSwitchedAwayAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return await db.Availability.AnyAsync(a => a.UserId == userId && a.Away, ct);
    }

    /// <summary>The away switch. Only people who work cases have one; switching to what it already is records nothing.</summary>
    public Task SetAwayAsync(Actor actor, bool away, CancellationToken ct = default)
    {
        if (actor.Type != ActorType.User || !actor.CanWork) throw new ForbiddenException("Only analysts, leads and admins take cases, so only they can be away.");
        return store.WriteAsync(async db =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var row = await db.Availability.FindAsync([actor.Id], ct);
            if (row is null) db.Availability.Add(row = new Availability { UserId = actor.Id, LastSeenAt = now });
            else if (row.Away == away) return 0;
            (row.Away, row.AwaySince, row.UpdatedAt) = (away, away ? now : null, now);
            db.AuditEvents.Add(AuditEvent.By(actor, now, away ? AwayEvent : AvailableEvent, subject: Subject(actor.Id),
                field: "availability", oldValue: away ? "available" : "away", newValue: away ? "away" : "available", detail: "switched in the app bar"));
            return 0;
        }, ct);
    }

    /// <summary>
    /// Records that these users have a browser session open now. One who counted as away only for having none open for a
    /// while (not by the switch) is back: audited as available.
    /// </summary>
    public Task SeenAsync(IReadOnlyCollection<Actor> people, CancellationToken ct = default)
    {
        if (people.Count == 0) return Task.CompletedTask;
        var ids = people.Select(p => p.Id).Distinct().ToList();
        return store.WriteAsync(async db =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var rows = await db.Availability.Where(a => ids.Contains(a.UserId)).ToDictionaryAsync(a => a.UserId, ct);
            foreach (var person in people.DistinctBy(p => p.Id))
            {
                if (!rows.TryGetValue(person.Id, out var row)) db.Availability.Add(row = new Availability { UserId = person.Id, UpdatedAt = now });
                if (!row.Away && policies.IsAway(row))
                    db.AuditEvents.Add(AuditEvent.By(person, now, AvailableEvent, subject: Subject(person.Id),
                        field: "availability", oldValue: "away", newValue: "available", detail: "a session opened"));
                row.LastSeenAt = now;
            }
            return 0;
        }, ct);
    }
}
