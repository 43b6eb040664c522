using CasesDashboard.Features.Cases.Search;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

/// <summary>A case as a bulk run or an export walks it: its row id (the keyset position), public id and name.</summary>
public sealed record CaseKey(long Id, string CaseId, string Name);

/// <summary>How many cases match a filter now, and the highest row id among them (a walk stops there, so cases created later are left out).</summary>
public sealed record CaseExtent(int Count, long LastId);

public sealed partial class CaseQuery
{
    /// <summary>The cases matching <paramref name="filter"/> (its page and sort ignored) as they stand now.</summary>
    public async Task<CaseExtent> ExtentAsync(CaseFilter filter, Actor actor, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var matching = await MatchingAsync(db, filter, actor, ct);
        var count = await matching.CountAsync(ct);
        var last = count == 0 ? 0 : await matching.MaxAsync(c => c.Id, ct);
        return new CaseExtent(count, last);
    }

    /// <summary>
    /// The next <paramref name="count"/> matching cases after row id <paramref name="afterId"/> up to <paramref name="lastId"/>, in
    /// row-id order: a keyset walk, one short read per batch, never the whole selection in memory. A case that stopped matching
    /// since the walk began is not returned.
    /// </summary>
    public async Task<IReadOnlyList<CaseKey>> MatchingAfterAsync(CaseFilter filter, Actor actor, long afterId, long lastId, int count,
        CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var matching = await MatchingAsync(db, filter, actor, ct);
        return await matching.Where(c => c.Id > afterId && c.Id <= lastId).OrderBy(c => c.Id).Take(count)
            .Select(c => new CaseKey(c.Id, c.PublicId, c.Name)).ToListAsync(ct);
    }

    /// <summary>The next <paramref name="count"/> matching cases after row id <paramref name="afterId"/> up to <paramref name="lastId"/>, as grid rows.</summary>
    public async Task<(IReadOnlyList<CaseRow> Rows, long LastId)> RowsAfterAsync(CaseFilter filter, Actor actor, long afterId, long lastId, int count,
        IReadOnlyCollection<string> fieldColumns, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var matching = await MatchingAsync(db, filter, actor, ct);
        var cases = await matching.Where(c => c.Id > afterId && c.Id <= lastId).OrderBy(c => c.Id).Take(count).ToListAsync(ct);
        return (await RowsAsync(db, cases, fieldColumns, ct), cases.Count == 0 ? lastId : cases[^1].Id);
    }

    private async Task<IQueryable<Case>> MatchingAsync(Data.CasesDbContext db, CaseFilter filter, Actor actor, CancellationToken ct)
    {
        var (query, _) = await ApplyFiltersAsync(db, db.Cases.AsNoTracking(), filter, actor, ct);
        var text = await CaseSearchIndex.MatchAsync(db, SearchText.Parse(filter.Text), ct);
        return text?.Narrow(query) ?? query;
    }
}
