using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Views;

/// <summary>A view as the list shows it, with whether the reader may change it.</summary>
public sealed record ViewSummary(long Id, string Name, string OwnerName, bool Shared, bool Mine, bool CanEdit, string Query, string Columns);

/// <summary>What a view is made of when saved.</summary>
public sealed record ViewDraft(string Name, string Query, string Columns, bool Shared);

/// <summary>
/// Saved grid views. Everyone who may see cases may save views for themselves and share them with the team; a shared view is
/// listed for everyone; only its owner or an admin changes or deletes it. A private view is not found by anyone else.
/// </summary>
public sealed class SavedViewService(CasesStore store, TimeProvider clock)
{
    public const int MaxNameLength = 80, MaxQueryLength = 2_000;

    public static Ability Edit(Actor actor, SavedView view) =>
        view.OwnerId == actor.Id || actor.IsAdmin ? Ability.Yes : Ability.No($"Only {view.OwnerName} or an admin can change the view '{view.Name}'.");

    /// <summary>The reader's own views and the shared ones, by name.</summary>
    public async Task<IReadOnlyList<ViewSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var views = await db.SavedViews.AsNoTracking().Where(v => v.OwnerId == actor.Id || v.Shared).ToListAsync(ct);
        return views.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).Select(v => Summary(v, actor)).ToList();
    }

    public async Task<ViewSummary> GetAsync(long id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return Summary(await FindAsync(db, id, actor, ct), actor);
    }

    public Task<ViewSummary> CreateAsync(ViewDraft draft, Actor actor, CancellationToken ct = default)
    {
        var (name, query) = Check(draft);
        return store.WriteAsync(async db =>
        {
            await RequireUniqueAsync(db, actor.Id, name, null, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var view = new SavedView
            {
                Name = name, OwnerId = actor.Id, OwnerName = actor.Name, Shared = draft.Shared, Query = query, Columns = draft.Columns,
                CreatedAt = now, UpdatedAt = now,
            };
            db.SavedViews.Add(view);
            await db.SaveChangesAsync(ct);
            return Summary(view, actor);
        }, ct);
    }

    /// <summary>Replaces the view's name, filter, columns and sharing (owner or admin).</summary>
    public Task<ViewSummary> UpdateAsync(long id, ViewDraft draft, Actor actor, CancellationToken ct = default)
    {
        var (name, query) = Check(draft);
        return store.WriteAsync(async db =>
        {
            var view = await FindAsync(db, id, actor, ct);
            Edit(actor, view).Require();
            await RequireUniqueAsync(db, view.OwnerId, name, view.Id, ct);
            (view.Name, view.Query, view.Columns, view.Shared) = (name, query, draft.Columns, draft.Shared);
            view.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            return Summary(view, actor);
        }, ct);
    }

    public Task DeleteAsync(long id, Actor actor, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var view = await FindAsync(db, id, actor, ct);
            Edit(actor, view).Require();
            db.SavedViews.Remove(view);
            return true;
        }, ct);

    private static async Task<SavedView> FindAsync(CasesDbContext db, long id, Actor actor, CancellationToken ct) =>
        await db.SavedViews.SingleOrDefaultAsync(v => v.Id == id && (v.OwnerId == actor.Id || v.Shared), ct)
        ?? throw new NotFoundException("View", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static (string Name, string Query) Check(ViewDraft draft)
    {
        var problems = new List<Problem>();
        var name = (draft.Name ?? "").Trim();
        if (name.Length is 0 or > MaxNameLength) problems.Add(new("name", $"A view's name is 1 to {MaxNameLength} characters."));
        var query = (draft.Query ?? "").TrimStart('?');
        if (query.Length > MaxQueryLength) problems.Add(new("query", $"The view's filter is longer than {MaxQueryLength:N0} characters."));
        if (problems.Count > 0) throw new ValidationException(problems);
        return (name, query);
    }

    private static async Task RequireUniqueAsync(CasesDbContext db, string ownerId, string name, long? except, CancellationToken ct)
    {
        var names = await db.SavedViews.Where(v => v.OwnerId == ownerId && v.Id != except).Select(v => v.Name).ToListAsync(ct);
        if (names.Contains(name, StringComparer.OrdinalIgnoreCase))
            throw new ValidationException("name", $"There is already a view named '{name}'.");
    }

    private static ViewSummary Summary(SavedView v, Actor actor) =>
        new(v.Id, v.Name, v.OwnerName, v.Shared, v.OwnerId == actor.Id, Edit(actor, v).Ok, v.Query, v.Columns);
}
