using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Queues;

/// <summary>A queue's figures: open cases, those waiting for an analyst, the oldest open one's creation, and those past their SLA.</summary>
public sealed record QueueCounts(string QueueId, int Open, int Waiting, DateTime? OldestOpenAt, int Breached);

/// <summary>One open case of a queue, as the queue page lists it.</summary>
public sealed record QueueCaseRow(int Place, string Id, string Name, string TemplateName, string StatusLabel, string StatusColor, CasePriority Priority,
    string? AssigneeName, DateTime CreatedAt, SlaInfo Sla);

/// <summary>A page of a queue's open cases in queue order.</summary>
public sealed record QueueListing(QueueInfo Queue, QueueCounts Counts, IReadOnlyList<QueueCaseRow> Rows, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Counts.Open + PageSize - 1) / PageSize);
}

/// <summary>
/// The read side of queues: which queues a reader sees, their counts, and their open cases in queue order. Every figure is an
/// index range of the queue's partial indexes (<see cref="QueueOrders"/>): the open count and the cases still within their SLA
/// (breached = open − within, as the breached ones are the many), the waiting count, the oldest open case by a seek.
/// </summary>
public sealed class QueueQuery(CasesStore store, QueueDirectory queues, TemplateService templates, UserDirectory users, SlaRules sla, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The queues <paramref name="actor"/> sees on /queues: their own; leads and admins every one. Archived ones are left out.</summary>
    public async Task<IReadOnlyList<QueueInfo>> VisibleAsync(Actor actor, CancellationToken ct = default) =>
        !actor.CanWork ? [] : (await queues.AllAsync(ct)).Where(q => !q.Archived && (actor.IsLead || q.IsMember(actor.Id))).ToList();

    /// <summary>The counts of <paramref name="of"/>, read now (the live board shares them between pages: <see cref="QueueBoard"/>).</summary>
    public async Task<IReadOnlyList<QueueCounts>> CountsAsync(IReadOnlyList<QueueInfo> of, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var counts = new List<QueueCounts>(of.Count);
        foreach (var q in of)
        {
            var open = QueueOrders.Open(db.Cases, q.Id);
            var total = await open.CountAsync(ct);
            var within = total == 0 ? 0 : await open.CountAsync(c => c.SlaExpiresAt > now, ct);
            var oldest = total == 0 ? null : await QueueOrders.Apply(open, QueueSortOrder.OldestFirst).Select(c => (DateTime?)c.CreatedAt).FirstOrDefaultAsync(ct);
            var waiting = total == 0 ? 0 : await QueueOrders.Waiting(db.Cases, q.Id).CountAsync(ct);
            counts.Add(new QueueCounts(q.PublicId, total, waiting, oldest, total - within));
        }
        return counts;
    }

    /// <summary>A page of the queue's open cases in its order; queues the reader does not see are not found.</summary>
    public async Task<QueueListing> CasesAsync(string queueId, Actor actor, int page = 1, CancellationToken ct = default)
    {
        var queue = (await VisibleAsync(actor, ct)).FirstOrDefault(q => q.PublicId == queueId) ?? throw new NotFoundException("Case queue", queueId);
        var counts = (await CountsAsync([queue], ct))[0];
        page = Math.Clamp(page, 1, Math.Max(1, (counts.Open + PageSize - 1) / PageSize));
        await using var db = await store.ReadAsync(ct);
        var cases = await QueueOrders.Apply(QueueOrders.Open(db.Cases.AsNoTracking(), queue.Id), queue.SortOrder)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var names = (await templates.ListAsync(ct)).ToDictionary(t => t.Id, t => t.Name);
        var rows = new List<QueueCaseRow>(cases.Count);
        foreach (var (c, i) in cases.Select((c, i) => (c, i)))
        {
            var status = (await templates.GetDefinitionAsync(c.TemplateId, c.TemplateVersion, ct)).FindStatus(c.Status);
            rows.Add(new QueueCaseRow((page - 1) * PageSize + i + 1, c.PublicId, c.Name, names.GetValueOrDefault(c.TemplateId, "?"),
                status?.Label ?? c.Status, status?.Color ?? "default", c.Priority, await users.NameOfAsync(c.AssigneeId, ct), c.CreatedAt,
                sla.Evaluate(c.SlaExpiresAt, c.ResolvedAt)));
        }
        return new QueueListing(queue, counts, rows, page, PageSize);
    }
}
