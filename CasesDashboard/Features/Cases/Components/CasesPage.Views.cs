using CasesDashboard.Features.Common;
using CasesDashboard.Features.Views;
using MudBlazor;

namespace CasesDashboard.Features.Cases.Components;

/// <summary>Saved views from the grid: save the grid as it is, update or delete the open view, find one shared since the page opened.</summary>
public sealed partial class CasesPage
{
    /// <summary>A view saved or shared since this page opened its list (null when the reader may not see it).</summary>
    private async Task<ViewSummary?> FindViewAsync(long id)
    {
        try
        {
            var found = await SavedViews.GetAsync(id, actor!);
            views = await SavedViews.ListAsync(actor!);
            return found;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task SaveViewAsync((string Name, bool Shared, long? Id) save)
    {
        var draft = new ViewDraft(save.Name, CaseFilterUrl.QueryOf(filter), GridColumns.Format(columns), save.Shared);
        try
        {
            var saved = save.Id is { } id ? await SavedViews.UpdateAsync(id, draft, actor!) : await SavedViews.CreateAsync(draft, actor!);
            views = await SavedViews.ListAsync(actor!);
            Snackbar.Add($"View '{saved.Name}' saved{(saved.Shared ? " and shared with the team" : "")}.", Severity.Success);
            Navigation.NavigateTo($"cases?view={saved.Id}");
        }
        catch (DomainException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    private async Task DeleteViewAsync(long id)
    {
        try
        {
            await SavedViews.DeleteAsync(id, actor!);
            views = await SavedViews.ListAsync(actor!);
            Snackbar.Add("View deleted.", Severity.Success);
            Navigation.NavigateTo(CaseFilterUrl.ToUrl(filter, columns: Cols));
        }
        catch (DomainException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }
}
