using System.Linq.Expressions;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Queues;

/// <summary>Where routing would put a case that is not there now, and why.</summary>
public sealed record QueueMove(long CaseId, int? From, int? To, string How);

/// <summary>
/// Routing: a case belongs in the first queue, by position, whose conditions it meets; when none does, in its template's
/// default queue; otherwise in none. The conditions run in the database as one query (a CASE over the queues' conditions,
/// compiled by <see cref="CaseConditions"/>), never by loading cases. Callers decide when routing runs: on creation and on a
/// change of something a condition can test, for open cases a lead or the API did not place explicitly (pinned).
/// </summary>
public sealed class QueueRouter(QueueDirectory queues, TemplateService templates, UserDirectory users, ILogger<QueueRouter> logger)
{
    public const string ByConditions = "routed by its conditions";
    public const string ByDefault = "the template's default queue";

    /// <summary>Does a change of this audited attribute re-run routing?</summary>
    public static bool Affects(string field) =>
        field is "status" or "priority" or "tags" or "template_version"
        || field.StartsWith("fields.", StringComparison.Ordinal) || field.StartsWith("objects.", StringComparison.Ordinal);

    /// <summary>The cases among <paramref name="caseIds"/> that routing would move (unpinned ones only), each with its target.</summary>
    internal async Task<IReadOnlyList<QueueMove>> MovesAsync(CasesDbContext db, IReadOnlyCollection<long> caseIds, CancellationToken ct)
    {
        if (caseIds.Count == 0) return [];
        var all = await queues.AllAsync(ct);
        var tests = await TestsAsync(db, all, ct);
        var ids = caseIds.ToList();
        var rows = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id) && !c.QueuePinned).Select(Projection(tests)).ToListAsync(ct);
        var defaults = await DefaultsAsync(all, ct);
        return rows.Select(r => r.Target is { } hit ? new QueueMove(r.Id, r.QueueId, hit, ByConditions)
                : new QueueMove(r.Id, r.QueueId, defaults.TryGetValue(r.TemplateId, out var d) ? d : null, ByDefault))
            .Where(m => m.To != m.From).ToList();
    }

    /// <summary>
    /// Routes cases a bulk write changed (their changes saved already): open, unpinned ones move where routing puts them now,
    /// each move an audit event (<c>queue</c>, by queue name) stamped with the case's version. Returns the moves by case id.
    /// </summary>
    internal async Task<IReadOnlyDictionary<long, CaseChange>> RouteAsync(CasesDbContext db, IReadOnlyCollection<Case> changed, Actor actor, DateTime now,
        CancellationToken ct)
    {
        var open = changed.Where(c => c.StatusType != StatusType.End).ToDictionary(c => c.Id);
        var result = new Dictionary<long, CaseChange>();
        foreach (var move in await MovesAsync(db, open.Keys, ct))
        {
            var (from, to) = ((await queues.ByIdAsync(move.From, ct))?.Name, (await queues.ByIdAsync(move.To, ct))?.Name);
            var c = open[move.CaseId];
            c.QueueId = move.To;
            var e = Audit.AuditEvent.By(actor, now, Audit.CaseEventTypes.Updated, c.Id, field: "queue", oldValue: from, newValue: to, detail: move.How);
            e.CaseVersion = c.Version;
            db.AuditEvents.Add(e);
            result[c.Id] = new CaseChange("queue", from, to, Audit.CaseEventTypes.Updated, move.How);
        }
        return result;
    }

    /// <summary>The routing queues in order with their conditions compiled for <paramref name="db"/>; a condition that no longer compiles (a field was removed since) is passed over.</summary>
    private async Task<List<(int QueueId, Expression<Func<Case, bool>> Test)>> TestsAsync(CasesDbContext db, IReadOnlyList<QueueInfo> all, CancellationToken ct)
    {
        var tests = new List<(int, Expression<Func<Case, bool>>)>();
        var routing = all.Where(q => !q.Archived && q.Conditions is not null).ToList();
        if (routing.Count == 0) return tests;
        var (templateList, people, ids) = (await templates.ListAsync(ct), await users.AllAsync(ct), await queues.IdsAsync(ct));
        foreach (var q in routing)
        {
            try { tests.Add((q.Id, new CaseConditions(db, templateList, people, ids).Compile(q.Conditions!))); }
            catch (InputException e) { logger.LogWarning("Queue {Queue} routes nothing: its conditions no longer hold ({Problem})", q.Name, e.Message); }
        }
        return tests;
    }

    /// <summary>The template's default queue by template id (archived queues and unknown keys give none).</summary>
    private async Task<Dictionary<int, int>> DefaultsAsync(IReadOnlyList<QueueInfo> all, CancellationToken ct) =>
        (await templates.ListAsync(ct))
            .Select(t => (t.Id, Queue: all.FirstOrDefault(q => !q.Archived && q.Key == t.Definition.DefaultQueue)))
            .Where(x => x.Queue is not null).ToDictionary(x => x.Id, x => x.Queue!.Id);

    private sealed class Row
    {
        public long Id { get; init; }
        public int TemplateId { get; init; }
        public int? QueueId { get; init; }
        public int? Target { get; init; }
    }

    /// <summary><c>new Row { …, Target = CASE WHEN q1 THEN 1 WHEN q2 THEN 2 ELSE NULL END }</c>.</summary>
    private static Expression<Func<Case, Row>> Projection(List<(int QueueId, Expression<Func<Case, bool>> Test)> tests)
    {
        var c = Expression.Parameter(typeof(Case), "c");
        Expression target = Expression.Constant(null, typeof(int?));
        for (var i = tests.Count - 1; i >= 0; i--)
            target = Expression.Condition(CaseConditions.Rebind(tests[i].Test, c), Expression.Constant(tests[i].QueueId, typeof(int?)), target);
        MemberAssignment Set(string member, Expression value) => Expression.Bind(typeof(Row).GetProperty(member)!, value);
        return Expression.Lambda<Func<Case, Row>>(Expression.MemberInit(Expression.New(typeof(Row)),
            Set(nameof(Row.Id), Expression.Property(c, nameof(Case.Id))),
            Set(nameof(Row.TemplateId), Expression.Property(c, nameof(Case.TemplateId))),
            Set(nameof(Row.QueueId), Expression.Property(c, nameof(Case.QueueId))),
            Set(nameof(Row.Target), target)), c);
    }
}
