using System.Linq.Expressions;
using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// Cases for systems (the API, webhooks): one case or a cursor page of them under a condition, as <see cref="CaseRecord"/>s,
/// and the comments and documents they point to. Only templates the actor may see; read straight from the store, so a read
/// right after a write sees it. Pages are keyset-paged on (sort time, id), never OFFSET.
/// </summary>
public sealed class CaseFeed(CasesStore store, TemplateService templates, UserDirectory users, Queues.QueueDirectory queues)
{
    /// <summary>The case, or not found when it does not exist or its template is hidden from the actor.</summary>
    public async Task<CaseRecord> GetAsync(string caseId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var visible = await VisibleAsync(actor, ct);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.PublicId == caseId, ct);
        if (c is null || !visible.Any(t => t.Id == c.TemplateId)) throw new NotFoundException("Case", caseId);
        return (await RecordsAsync(db, [c], visible, ct))[0];
    }

    /// <summary>Cases by row id, whatever their template (for system consumers such as the webhook outbox); missing ids are skipped.</summary>
    public async Task<IReadOnlyList<CaseRecord>> ByIdsAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        return await RecordsAsync(db, cases, await templates.ListAsync(ct), ct);
    }

    public async Task<CaseSlice> SearchAsync(CaseSearch search, Actor actor, CancellationToken ct = default)
    {
        if (search.PageSize is < 1 or > CaseSearch.MaxPageSize)
            throw new MalformedInputException("page.size", $"The page size is 1 to {CaseSearch.MaxPageSize} (got {search.PageSize}).");
        if (search.After is not null && search.Before is not null)
            throw new MalformedInputException("page.before", "Give page after or page before, not both.");
        await using var db = await store.ReadAsync(ct);
        var visible = await VisibleAsync(actor, ct);
        var query = db.Cases.AsNoTracking();
        if (visible.Count < (await templates.ListAsync(ct)).Count)
        {
            var ids = visible.Select(t => t.Id).ToList();
            query = query.Where(c => ids.Contains(c.TemplateId));
        }
        if (search.Query is { } predicate)
            query = query.Where(new CaseConditions(db, visible, await users.AllAsync(ct), await queues.IdsAsync(ct)).Compile(predicate));

        var key = KeyOf(search.Sort);
        var cursor = search.After ?? search.Before;
        var forward = search.Before is null;
        var descending = search.Descending == forward;
        var page = query;
        if (cursor is not null)
        {
            var at = await PositionAsync(db, key, cursor, ct) ?? throw new MalformedInputException(
                search.After is not null ? "page.after" : "page.before", $"'{cursor}' is not a case id to page from.");
            page = page.Where(Beyond(key, at, descending));
        }
        var rows = await Order(page, key, descending).Take(search.PageSize + 1).ToListAsync(ct);
        var more = rows.Count > search.PageSize;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (!forward) rows.Reverse();
        if (rows.Count == 0) return new CaseSlice([], null, null);

        // Is there anything on the other side of the page (before its first row, going forward; after its last, going back)?
        var (first, last) = (rows[0], rows[^1]);
        var hasPrev = forward ? cursor is not null && await AnyBeyondAsync(query, key, first, !search.Descending, ct) : more;
        var hasNext = forward ? more : await AnyBeyondAsync(query, key, last, search.Descending, ct);
        return new CaseSlice(await RecordsAsync(db, rows, visible, ct), hasPrev ? first.PublicId : null, hasNext ? last.PublicId : null);
    }

    public async Task<IReadOnlyList<CaseComment>> CommentsAsync(IEnumerable<long> commentIds, CancellationToken ct = default)
    {
        var ids = commentIds.ToList();
        await using var db = await store.ReadAsync(ct);
        return await db.CaseComments.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ExternalDocument>> DocumentsAsync(IEnumerable<long> documentIds, CancellationToken ct = default)
    {
        var ids = documentIds.ToList();
        await using var db = await store.ReadAsync(ct);
        return await db.ExternalDocuments.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.Id).ToListAsync(ct);
    }

    private async Task<List<TemplateSummary>> VisibleAsync(Actor actor, CancellationToken ct) =>
        (await templates.ListAsync(ct)).Where(t => t.Definition.IsVisibleTo(actor)).ToList();

    private async Task<List<CaseRecord>> RecordsAsync(CasesDbContext db, IReadOnlyList<Case> cases, IReadOnlyList<TemplateSummary> visible,
        CancellationToken ct)
    {
        var ids = cases.Select(c => c.Id).ToList();
        var tags = (await db.CaseTags.AsNoTracking().Where(t => ids.Contains(t.CaseId)).ToListAsync(ct)).ToLookup(t => t.CaseId, t => t.Tag);
        var links = (await db.CaseObjectLinks.AsNoTracking().Where(l => ids.Contains(l.CaseId)).OrderBy(l => l.LinkedAt).ToListAsync(ct))
            .ToLookup(l => l.CaseId, l => l.ObjectId);
        var comments = (await db.CaseComments.AsNoTracking().Where(x => ids.Contains(x.CaseId)).OrderBy(x => x.Id)
            .Select(x => new { x.CaseId, x.Id }).ToListAsync(ct)).ToLookup(x => x.CaseId, x => x.Id);
        var documents = (await db.ExternalDocuments.AsNoTracking().Where(x => ids.Contains(x.CaseId)).OrderBy(x => x.Id)
            .Select(x => new { x.CaseId, x.Id }).ToListAsync(ct)).ToLookup(x => x.CaseId, x => x.Id);
        var keys = visible.ToDictionary(t => t.Id, t => t.Key);
        var queueIds = (await queues.AllAsync(ct)).ToDictionary(q => q.Id, q => q.PublicId);
        return cases.Select(c => new CaseRecord(c, keys.GetValueOrDefault(c.TemplateId, ""), tags[c.Id].Order().ToList(),
            links[c.Id].ToList(), comments[c.Id].ToList(), documents[c.Id].ToList())
        {
            QueueId = c.QueueId is { } q ? queueIds.GetValueOrDefault(q) : null,
        }).ToList();
    }

    private static Expression<Func<Case, DateTime>> KeyOf(CaseSortKey sort) => sort switch
    {
        CaseSortKey.UpdatedAt => c => c.UpdatedAt,
        CaseSortKey.SlaExpiresAt => c => c.SlaExpiresAt,
        _ => c => c.CreatedAt,
    };

    private static IQueryable<Case> Order(IQueryable<Case> q, Expression<Func<Case, DateTime>> key, bool descending) =>
        descending ? q.OrderByDescending(key).ThenByDescending(c => c.Id) : q.OrderBy(key).ThenBy(c => c.Id);

    private static Task<Position?> PositionAsync(CasesDbContext db, Expression<Func<Case, DateTime>> key, string caseId, CancellationToken ct) =>
        db.Cases.AsNoTracking().Where(c => c.PublicId == caseId).Select(Pair(key)).SingleOrDefaultAsync(ct)!;

    private sealed record Position(DateTime Time, long Id);

    private static Expression<Func<Case, Position?>> Pair(Expression<Func<Case, DateTime>> key) =>
        Expression.Lambda<Func<Case, Position?>>(
            Expression.New(typeof(Position).GetConstructors()[0], key.Body, Expression.Property(key.Parameters[0], nameof(Case.Id))), key.Parameters);

    private static Task<bool> AnyBeyondAsync(IQueryable<Case> q, Expression<Func<Case, DateTime>> key, Case row, bool descending, CancellationToken ct) =>
        q.Where(Beyond(key, new Position(key.Compile()(row), row.Id), descending)).AnyAsync(ct);

    /// <summary>
    /// The rows after (<paramref name="at"/>) in the order: <c>key &lt;= t AND (key &lt; t OR id &lt; i)</c> when descending — the
    /// first part bounds an index range, the second breaks ties on the id.
    /// </summary>
    private static Expression<Func<Case, bool>> Beyond(Expression<Func<Case, DateTime>> key, Position at, bool descending)
    {
        var c = key.Parameters[0];
        var box = Expression.Constant(at);
        var time = Expression.Property(box, nameof(Position.Time));
        var id = Expression.Property(box, nameof(Position.Id));
        var rowId = Expression.Property(c, nameof(Case.Id));
        Expression body = descending
            ? Expression.AndAlso(Expression.LessThanOrEqual(key.Body, time), Expression.OrElse(Expression.LessThan(key.Body, time), Expression.LessThan(rowId, id)))
            : Expression.AndAlso(Expression.GreaterThanOrEqual(key.Body, time), Expression.OrElse(Expression.GreaterThan(key.Body, time), Expression.GreaterThan(rowId, id)));
        return Expression.Lambda<Func<Case, bool>>(body, c);
    }
}
