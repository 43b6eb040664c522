using System.Linq.Expressions;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Analytics;

/// <summary>
/// The leads' numbers, computed by the database from indexed columns (counts, groups, nearest-rank percentiles as one sorted
/// read each) — never by loading cases. Time in each status and with each assignee comes from the audit trail of the cases
/// created in the range (at most <see cref="MaxTrailCases"/>, the newest). Each figure carries the grid filter that lists its cases.
/// </summary>
public sealed class AnalyticsService(CasesStore store, TemplateService templates, UserDirectory users, SlaRules sla, TimeProvider clock)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 731;
    public const int MaxTrailCases = 20_000;

    /// <summary>Fills in and puts right a filter: default range (the last 30 days), from after to swapped, over-long ranges cut.</summary>
    public AppliedFilter Apply(AnalyticsFilter f)
    {
        var notices = new List<string>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = f.To ?? (f.From is { } start && start.AddDays(DefaultDays - 1) < today ? start.AddDays(DefaultDays - 1) : today);
        var from = f.From ?? to.AddDays(-(DefaultDays - 1));
        if (from > to)
        {
            notices.Add($"From {from:yyyy-MM-dd} was after to {to:yyyy-MM-dd}; the dates were swapped.");
            (from, to) = (to, from);
        }
        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            from = to.AddDays(-(MaxDays - 1));
            notices.Add($"A range is at most {MaxDays} days; showing {from:yyyy-MM-dd} to {to:yyyy-MM-dd}.");
        }
        return new(f with { From = from, To = to }, from, to, notices);
    }

    public async Task<AnalyticsReport> ReportAsync(AnalyticsFilter filter, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsLead) throw new ForbiddenException("Analytics are for leads and admins.");
        var applied = Apply(filter);
        var f = applied.Filter;
        var list = await templates.ListAsync(ct);
        var visible = list.Where(t => t.Definition.IsVisibleTo(actor)).ToList();
        var template = f.Template is null ? null : visible.FirstOrDefault(t => t.Key == f.Template)
            ?? throw new ValidationException("template", $"There is no case template '{f.Template}'.");
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = (applied.Start, applied.End);

        await using var db = await store.ReadAsync(ct);
        var all = Scope(db.Cases.AsNoTracking(), f, visible.Select(t => t.Id).ToList(), template?.Id);
        var created = all.Where(c => c.CreatedAt >= start && c.CreatedAt < end);
        var resolved = all.Where(c => c.ResolvedAt >= start && c.ResolvedAt < end);
        if (f.Resolution is { } resolution) resolved = resolved.Where(c => c.Resolution == resolution);
        var open = all.Where(c => c.StatusType != StatusType.End);
        var grid = new CaseFilter { Template = template?.Key, Assignee = f.AssigneeId };
        var inRange = grid with { CreatedFrom = applied.From, CreatedTo = applied.To };
        var resolvedGrid = grid with { ResolvedFrom = applied.From, ResolvedTo = applied.To, Status = f.Resolution };

        // Counts.
        var openByType = await open.GroupBy(c => c.StatusType).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        int OpenOf(StatusType t) => openByType.FirstOrDefault(x => x.Key == t)?.N ?? 0;
        var counts = new List<Figure>
        {
            new("Open", OpenOf(StatusType.Initial) + OpenOf(StatusType.Intermediate), grid with { OpenOnly = true }),
            new("New (initial status)", OpenOf(StatusType.Initial), grid with { OpenOnly = true }),
            new("In progress", OpenOf(StatusType.Intermediate), grid with { OpenOnly = true }),
            new("Created in range", await created.CountAsync(ct), inRange),
            new("Resolved in range", await resolved.CountAsync(ct), resolvedGrid),
            new("SLA at risk", await open.Where(sla.Matching(SlaState.AtRisk, now)).CountAsync(ct), grid with { Sla = SlaState.AtRisk }),
            new("SLA breached (open)", await open.Where(sla.Matching(SlaState.Breached, now)).CountAsync(ct), grid with { Sla = SlaState.Breached }),
            new("SLA paused", await open.Where(sla.Matching(SlaState.Paused, now)).CountAsync(ct), grid with { Sla = SlaState.Paused }),
        };

        // Created vs resolved per day (every day of the range, zeros included).
        var createdPerDay = (await created.GroupBy(c => c.CreatedAt.Date).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => DateOnly.FromDateTime(x.Key), x => x.N);
        var resolvedPerDay = (await resolved.GroupBy(c => c.ResolvedAt!.Value.Date).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => DateOnly.FromDateTime(x.Key), x => x.N);
        var perDay = Enumerable.Range(0, applied.To.DayNumber - applied.From.DayNumber + 1).Select(i => applied.From.AddDays(i))
            .Select(d => new DayCount(d, createdPerDay.GetValueOrDefault(d), resolvedPerDay.GetValueOrDefault(d))).ToList();

        // Resolution rates by end status.
        var byResolution = await resolved.GroupBy(c => c.Resolution).Select(g => new { g.Key, N = g.Count() }).OrderByDescending(x => x.N).ToListAsync(ct);
        var totalResolved = byResolution.Sum(x => x.N);
        string LabelOf(string? key) => (template is null ? visible : [template]).SelectMany(t => t.Definition.Statuses).FirstOrDefault(s => s.Key == key)?.Label ?? key ?? "?";
        var resolutions = byResolution.Select(x => new Figure(LabelOf(x.Key), totalResolved == 0 ? 0 : Math.Round(100.0 * x.N / totalResolved, 1),
            resolvedGrid with { Status = x.Key })).ToList();

        // Percentiles.
        var times = new List<Percentiles>
        {
            await PercentilesAsync("Time to first assignment", created.Where(c => c.FirstAssignedAt != null),
                c => AnalyticsSql.Day(c.FirstAssignedAt!.Value) - AnalyticsSql.Day(c.CreatedAt), ct),
            await PercentilesAsync("Time to resolution", resolved, c => AnalyticsSql.Day(c.ResolvedAt!.Value) - AnalyticsSql.Day(c.CreatedAt), ct),
        };

        // SLA compliance.
        var names = list.ToDictionary(t => t.Id, t => (t.Key, t.Name));
        var byTemplate = await resolved.GroupBy(c => c.TemplateId)
            .Select(g => new { g.Key, N = g.Count(), Met = g.Count(c => c.ResolvedAt <= c.SlaExpiresAt) }).ToListAsync(ct);
        var breachedByTemplate = (await open.Where(sla.Matching(SlaState.Breached, now)).GroupBy(c => c.TemplateId)
            .Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.N);
        var complianceByTemplate = byTemplate.Select(x => x.Key).Union(breachedByTemplate.Keys).Select(id =>
        {
            var r = byTemplate.FirstOrDefault(x => x.Key == id);
            var (key, name) = names.TryGetValue(id, out var n) ? n : ("?", "?");
            return new ComplianceRow(key, name, r?.N ?? 0, r?.Met ?? 0, breachedByTemplate.GetValueOrDefault(id), resolvedGrid with { Template = key });
        }).OrderBy(r => r.Name).ToList();

        var queueNames = await db.Queues.AsNoTracking().Select(q => new { q.Id, q.Name }).ToDictionaryAsync(q => q.Id, q => q.Name, ct);
        var byQueue = await resolved.GroupBy(c => c.QueueId)
            .Select(g => new { g.Key, N = g.Count(), Met = g.Count(c => c.ResolvedAt <= c.SlaExpiresAt) }).ToListAsync(ct);
        var breachedByQueue = await open.Where(sla.Matching(SlaState.Breached, now)).GroupBy(c => c.QueueId)
            .Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var complianceByQueue = byQueue.Select(x => x.Key).Union(breachedByQueue.Select(x => x.Key)).Select(id =>
        {
            var r = byQueue.FirstOrDefault(x => x.Key == id);
            var name = id is { } q ? queueNames.GetValueOrDefault(q, $"queue {q}") : "No queue";
            return new ComplianceRow(id?.ToString() ?? "", name, r?.N ?? 0, r?.Met ?? 0, breachedByQueue.FirstOrDefault(x => x.Key == id)?.N ?? 0, null);
        }).OrderBy(r => r.Name).ToList();

        // Per analyst: resolutions in range, median handle time (first assignment to resolution), open load.
        var resolvedBy = await resolved.Where(c => c.ResolverType == ActorType.User && c.ResolverId != null)
            .GroupBy(c => c.ResolverId!).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var load = await open.Where(c => c.AssigneeId != null).GroupBy(c => c.AssigneeId!).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var analysts = new List<AnalystRow>();
        foreach (var userId in resolvedBy.Select(x => x.Key).Union(load.Select(x => x.Key)).Distinct())
        {
            var handled = resolved.Where(c => c.ResolverId == userId && c.FirstAssignedAt != null);
            var median = (await PercentilesAsync("", handled, c => AnalyticsSql.Day(c.ResolvedAt!.Value) - AnalyticsSql.Day(c.FirstAssignedAt!.Value), ct, [50])).P50;
            analysts.Add(new AnalystRow(userId, await users.NameOfAsync(userId, ct) ?? userId, resolvedBy.FirstOrDefault(x => x.Key == userId)?.N ?? 0,
                median, load.FirstOrDefault(x => x.Key == userId)?.N ?? 0, grid with { Assignee = userId, OpenOnly = true }));
        }
        analysts = analysts.OrderByDescending(a => a.Resolved).ThenBy(a => a.Name).ToList();

        // Time in each status and with each assignee, from the audit trail of the cases created in range.
        var trail = created.OrderByDescending(c => c.CreatedAt).Take(MaxTrailCases);
        var ends = await trail.Select(c => new { c.Id, c.ResolvedAt }).ToDictionaryAsync(c => c.Id, c => c.ResolvedAt, ct);
        var ids = trail.Select(c => c.Id);
        var changes = await db.AuditEvents.AsNoTracking().Where(e => e.CaseId != null && ids.Contains(e.CaseId.Value) && (e.Field == "status" || e.Field == "assignee"))
            .Select(e => new { CaseId = e.CaseId!.Value, e.At, e.Field, e.NewValue }).ToListAsync(ct);
        var inStatus = TimeInStatus.Totals(changes.Where(c => c.Field == "status").Select(c => new ValueChange(c.CaseId, c.At, c.NewValue)), ends, now);
        var withAssignee = TimeInStatus.Totals(changes.Where(c => c.Field == "assignee").Select(c => new ValueChange(c.CaseId, c.At, c.NewValue)), ends, now);

        return new AnalyticsReport(applied, counts, perDay, resolutions, times, complianceByTemplate, complianceByQueue, analysts,
            inStatus, withAssignee, ends.Count, ends.Count >= MaxTrailCases);
    }

    /// <summary>The cases the filter is about (not yet narrowed by date).</summary>
    private static IQueryable<Case> Scope(IQueryable<Case> q, AnalyticsFilter f, List<int> visibleTemplates, int? templateId)
    {
        q = templateId is { } id ? q.Where(c => c.TemplateId == id) : q.Where(c => visibleTemplates.Contains(c.TemplateId));
        if (f.QueueId is { } queue) q = q.Where(c => c.QueueId == queue);
        if (f.AssigneeId is { } assignee) q = q.Where(c => c.AssigneeId == assignee);
        return q;
    }

    /// <summary>Nearest-rank percentiles of a duration (in days, computed by the database): one count, then one sorted read per percentile.</summary>
    private static async Task<Percentiles> PercentilesAsync(string label, IQueryable<Case> cases, Expression<Func<Case, double>> days,
        CancellationToken ct, int[]? ranks = null)
    {
        ranks ??= [50, 75, 95];
        var n = await cases.CountAsync(ct);
        var values = new Dictionary<int, TimeSpan?>();
        foreach (var p in ranks)
        {
            if (n == 0) { values[p] = null; continue; }
            var k = Math.Max(0, (int)Math.Ceiling(p / 100.0 * n) - 1);
            var d = await cases.Select(days).OrderBy(x => x).Skip(k).Take(1).FirstAsync(ct);
            values[p] = TimeSpan.FromSeconds(Math.Round(d * 86400));
        }
        return new Percentiles(label, n, values.GetValueOrDefault(50), values.GetValueOrDefault(75), values.GetValueOrDefault(95));
    }
}
