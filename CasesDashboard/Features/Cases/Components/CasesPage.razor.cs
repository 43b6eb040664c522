using CasesDashboard.Components.Layout;
using CasesDashboard.Components.Shortcuts;
using CasesDashboard.Features.Cases.Bulk;
using CasesDashboard.Features.Cases.Components.Grid;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Features.Views;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CasesDashboard.Features.Cases.Components;

/// <summary>
/// The case grid: the filter, sort, saved view and columns come from the URL; rows can be ticked for bulk actions; changes made
/// elsewhere arrive in bursts and refresh the page when they could alter it (or, while rows are ticked or a bulk run is going,
/// are counted for a refresh the reader asks for); j / k / Enter / x / a / Esc work the grid from the keyboard.
/// </summary>
public sealed partial class CasesPage
{
    private static readonly TimeSpan LiveWindow = TimeSpan.FromMilliseconds(500);

    [Inject] private CaseQuery Query { get; set; } = default!;
    [Inject] private CaseService Cases { get; set; } = default!;
    [Inject] private TemplateService Templates { get; set; } = default!;
    [Inject] private UserDirectory Users { get; set; } = default!;
    [Inject] private BulkActions Bulk { get; set; } = default!;
    [Inject] private SavedViewService SavedViews { get; set; } = default!;
    [Inject] private CaseEvents Events { get; set; } = default!;
    [Inject] private ShortcutRegistry Shortcuts { get; set; } = default!;
    [Inject] private GridTrail Trail { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "template")] public string? Template { get; set; }
    [SupplyParameterFromQuery(Name = "assignee")] public string? Assignee { get; set; }
    [SupplyParameterFromQuery(Name = "priority")] public string? Priority { get; set; }
    [SupplyParameterFromQuery(Name = "tag")] public string? Tag { get; set; }
    [SupplyParameterFromQuery(Name = "queue")] public string? Queue { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Text { get; set; }
    [SupplyParameterFromQuery(Name = "open")] public string? Open { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "desc")] public string? Desc { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public string? PageNumber { get; set; }
    [SupplyParameterFromQuery(Name = "resolved_from")] public string? ResolvedFrom { get; set; }
    [SupplyParameterFromQuery(Name = "resolved_to")] public string? ResolvedTo { get; set; }
    [SupplyParameterFromQuery(Name = "sla")] public string? SlaState { get; set; }
    /// <summary>Template field filters, <c>key:value</c> each.</summary>
    [SupplyParameterFromQuery(Name = "f")] public string[]? FieldFilters { get; set; }
    [SupplyParameterFromQuery(Name = "cols")] public string? Cols { get; set; }
    [SupplyParameterFromQuery(Name = "view")] public string? ViewId { get; set; }

    [CascadingParameter] public UiPreferences? Preferences { get; set; }

    private CaseFilter filter = new(), requested = new();
    private CaseFilter? viewFilter;
    private CaseGrid? grid;
    private IReadOnlyList<string> notices = [], urlNotices = [];
    private string? error;
    private IReadOnlyList<TemplateSummary> templates = [];
    private IReadOnlyList<UserInfo> users = [];
    private IReadOnlyList<string> tags = [];
    private IReadOnlyList<GridColumn> available = [], columns = [];
    private IReadOnlyList<ViewSummary> views = [];
    private ViewSummary? view;
    private Actor? actor;
    private BulkOffer offer = BulkOffer.Nothing;
    private readonly GridSelection selection = new();
    private IReadOnlySet<string> shown = new HashSet<string>();
    private int cursor = -1, pendingChanges;
    private bool bulkRunning;
    private IDisposable? live, keys;

    private string Title => view?.Name
        ?? (filter.Assignee == CaseFilter.Me ? "My cases" : filter.Assignee == CaseFilter.Unassigned ? "Unassigned cases" : "Cases");

    /// <summary>The grid differs from the open view as saved.</summary>
    private bool Modified => view is not null && viewFilter is not null
        && (CaseFilterUrl.QueryOf(filter) != CaseFilterUrl.QueryOf(viewFilter) || GridColumns.Format(columns) != view.Columns);

    private string ExportQuery => CaseFilterUrl.ToUrl(filter with { Page = 1 }, columns: GridColumns.Format(columns), path: "").TrimStart('?');

    protected override async Task OnInitializedAsync()
    {
        actor = await GetActorAsync();
        templates = await Templates.ListAsync();
        available = GridColumns.Available(templates.Where(t => t.Definition.IsVisibleTo(actor)));
        users = await Users.AllAsync();
        tags = await Query.TagsAsync();
        offer = await Bulk.OfferAsync(actor);
        views = await SavedViews.ListAsync(actor);
        live = Events.SubscribeCoalesced(LiveWindow, OnChangesAsync);
        keys = RegisterKeys();
    }

    protected override async Task OnParametersSetAsync()
    {
        // Leaving for another page (a case page) changes the query this page reads before the page goes: nothing to show then.
        if (!OnGrid) return;
        var link = Navigation.ToBaseRelativePath(Navigation.Uri);
        var query = new CaseGridQuery(Text, Template, Status, Assignee, Priority, Tag, From, To, Open, Sort, Desc, PageNumber, FieldFilters, Queue, ResolvedFrom, ResolvedTo, SlaState);
        var viewNotices = new List<string>();
        (view, viewFilter) = (null, null);
        if (ViewId is { } id)
        {
            view = long.TryParse(id, out var n) ? views.FirstOrDefault(v => v.Id == n) ?? await FindViewAsync(n) : null;
            if (view is null) viewNotices.Add(FilterNotices.Unknown("view", id));
        }
        if (view is not null)
        {
            viewFilter = CaseFilterUrl.Read(CaseGridQuery.Parse(view.Query)).Filter;
            // A link with the view alone shows it as saved; one with filter values too shows the view as changed.
            if (!HasFilterValues) query = CaseGridQuery.Parse(view.Query) with { Page = PageNumber };
        }
        var read = CaseFilterUrl.Read(query);
        columns = GridColumns.Parse(Cols ?? view?.Columns, available);
        filter = requested = read.Filter;
        cursor = -1;
        urlNotices = [.. viewNotices, .. read.Notices];
        await LoadAsync();
        Trail.Url = link;
    }

    private bool HasFilterValues => new[] { Text, Template, Status, Assignee, Priority, Tag, Queue, From, To, Open, Sort, Desc }.Any(v => v is not null)
        || FieldFilters is { Length: > 0 };

    /// <summary>Runs the grid query for what the link asked (so a refresh says again what it left out), with the link's notices and the query's.</summary>
    private async Task LoadAsync()
    {
        try
        {
            error = null;
            grid = await Query.GridAsync(requested, actor!, fieldColumns: columns.Select(c => c.FieldKey).OfType<string>().ToList());
            filter = grid.Filter;
            notices = [.. urlNotices, .. grid.Notices];
            shown = grid.Results.Rows.Select(r => r.Id).ToHashSet();
            pendingChanges = 0;
            cursor = Math.Min(cursor, grid.Results.Rows.Count - 1);
        }
        catch (DomainException e)
        {
            error = e.Message;
            notices = urlNotices;
        }
    }

    /// <summary>Changes from anywhere (this instance or, through the cluster bus, another), a burst at a time.</summary>
    private Task OnChangesAsync(IReadOnlyList<CaseChanged> changes)
    {
        var relevant = CaseGridChanges.Count(filter, shown, changes);
        if (relevant == 0) return Task.CompletedTask;
        return InvokeAsync(async () =>
        {
            if (selection.Any || bulkRunning) pendingChanges += relevant;
            else await LoadAsync();
            StateHasChanged();
        });
    }

    private Task RefreshAsync() => LoadAsync();

    private async Task AfterBulkAsync()
    {
        if (!selection.Any && !bulkRunning) await LoadAsync();
    }

    /// <summary>Shows the grid for <paramref name="next"/>; nothing once the reader has left for another page (a late event of this one).</summary>
    private void Go(CaseFilter next)
    {
        if (!OnGrid) return;
        Navigation.NavigateTo(CaseFilterUrl.ToUrl(next, view?.Id, Cols, explicitSort: view is not null));
    }

    /// <summary>Is the browser still on this page's address (the base address counts, as in tests)?</summary>
    private bool OnGrid => Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0].ToLowerInvariant() is "" or "cases";

    private void ShowColumns(IReadOnlyList<GridColumn> next) =>
        Navigation.NavigateTo(CaseFilterUrl.ToUrl(filter, view?.Id, GridColumns.Format(next), explicitSort: view is not null));

    private void Toggle(CaseRow row) => selection.Toggle(row);

    public void Dispose()
    {
        live?.Dispose();
        keys?.Dispose();
    }
}
