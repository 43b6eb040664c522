using CasesDashboard.Features.Common;
using CasesDashboard.Features.Views;
using MudBlazor;

namespace CasesDashboard.Features.Cases.Components;

/// <summary>The grid from the keyboard: a cursor row (j / k), open, tick, assign to me, clear the ticks.</summary>
public sealed partial class CasesPage
{
    private IDisposable RegisterKeys() =>
        Shortcuts.Register(
            new("j", "Next row", () => MoveAsync(1)),
            new("k", "Previous row", () => MoveAsync(-1)),
            new("Enter", "Open the case at the cursor", OpenAtCursor),
            new("o", "Open the case at the cursor", OpenAtCursor),
            new("x", "Tick or untick the row at the cursor", ToggleAtCursor),
            new("a", "Assign the case at the cursor to me", AssignAtCursorAsync),
            new("Escape", "Clear the selection", ClearSelection));

    private CaseRow? AtCursor => grid is { } g && cursor >= 0 && cursor < g.Results.Rows.Count ? g.Results.Rows[cursor] : null;

    private async Task MoveAsync(int by)
    {
        if (grid is not { Results.Rows.Count: > 0 } g) return;
        cursor = Math.Clamp(cursor + by, 0, g.Results.Rows.Count - 1);
        StateHasChanged();
        await Shortcuts.RevealAsync($"tr[data-case-id='{g.Results.Rows[cursor].Id}']");
    }

    private Task OpenAtCursor()
    {
        if (AtCursor is { } row) Navigation.NavigateTo($"cases/{row.Id}");
        return Task.CompletedTask;
    }

    private Task ToggleAtCursor()
    {
        if (AtCursor is { } row && offer.Any) selection.Toggle(row);
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>The case page's "Assign to me", for the row at the cursor: the same service call, refused with the same reasons.</summary>
    private async Task AssignAtCursorAsync()
    {
        if (AtCursor is not { } row) return;
        try
        {
            await Cases.AssignAsync(row.Id, actor!.Id, row.Version, actor);
            Snackbar.Add($"{row.Name} assigned to you.", Severity.Success);
            await LoadAsync();
        }
        catch (DomainException e)
        {
            Snackbar.Add(e.Message, Severity.Warning);
        }
    }

    private async Task ClearSelection()
    {
        if (!selection.Any) return;
        selection.Clear();
        if (pendingChanges > 0) await LoadAsync();
        StateHasChanged();
    }
}
