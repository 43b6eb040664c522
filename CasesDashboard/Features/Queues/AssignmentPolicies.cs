using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Queues;

/// <summary>What a policy knows about one member when it picks: their open cases, when it last gave them one, whether they are away.</summary>
public sealed record MemberState(string UserId, int Position, int OpenCases, long LastTurn, bool Away);

/// <summary>
/// The assignment policies: who a queue's next case goes to. Round robin — the member whose turn this queue last gave a case
/// longest ago (never first, then in member order); least loaded — the member with the fewest open cases (ties as round robin). Both pass
/// over members at the queue's cap and, when the queue says so, members who are away. Manual picks nobody.
/// </summary>
public sealed class AssignmentPolicies(IOptions<QueueOptions> options, TimeProvider clock, Security.UserDirectory users)
{
    public static string Label(AssignmentPolicy policy) => policy switch
    {
        AssignmentPolicy.RoundRobin => "Round robin",
        AssignmentPolicy.LeastLoaded => "Least loaded",
        _ => "Manual",
    };

    /// <summary>The member the queue's policy gives its next case to, or null when the policy is manual or nobody may take one.</summary>
    public static MemberState? Choose(QueueInfo queue, IReadOnlyList<MemberState> members)
    {
        var eligible = members.Where(m => !(queue.SkipAway && m.Away) && !AtCap(queue, m.OpenCases));
        return queue.Policy switch
        {
            AssignmentPolicy.RoundRobin => eligible.OrderBy(m => m.LastTurn).ThenBy(m => m.Position).FirstOrDefault(),
            AssignmentPolicy.LeastLoaded => eligible.OrderBy(m => m.OpenCases).ThenBy(m => m.LastTurn).ThenBy(m => m.Position).FirstOrDefault(),
            _ => null,
        };
    }

    public static bool AtCap(QueueInfo queue, int openCases) => queue.MaxOpenPerAnalyst is { } cap && openCases >= cap;

    /// <summary>Is a user away: switched to away, or no browser session of theirs open for <see cref="QueueOptions.AwayAfter"/>?</summary>
    public bool IsAway(Availability? a) => IsAway(a, clock.GetUtcNow().UtcDateTime, options.Value.AwayAfter);

    public static bool IsAway(Availability? a, DateTime now, TimeSpan awayAfter) =>
        a is null || a.Away || a.LastSeenAt is not { } seen || now - seen > awayAfter;

    /// <summary>The members of <paramref name="queue"/> who can work cases, as the policy sees them now, read in the caller's transaction.</summary>
    internal async Task<List<MemberState>> MembersAsync(CasesDbContext db, QueueInfo queue, CancellationToken ct)
    {
        var workers = (await users.AllAsync(ct)).Where(u => u.CanWork).Select(u => u.Id).ToHashSet();
        var ids = queue.MemberIds.Where(workers.Contains).ToList();
        var open = await db.Cases.Where(c => c.AssigneeId != null && ids.Contains(c.AssigneeId) && c.StatusType != StatusType.End)
            .GroupBy(c => c.AssigneeId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var availability = await db.Availability.AsNoTracking().Where(a => ids.Contains(a.UserId)).ToDictionaryAsync(a => a.UserId, ct);
        var last = await db.QueueMembers.AsNoTracking().Where(m => m.QueueId == queue.Id).ToDictionaryAsync(m => m.UserId, m => m.LastTurn, ct);
        return ids.Select((id, i) => new MemberState(id, i, open.GetValueOrDefault(id), last.GetValueOrDefault(id), IsAway(availability.GetValueOrDefault(id))))
            .ToList();
    }
}
