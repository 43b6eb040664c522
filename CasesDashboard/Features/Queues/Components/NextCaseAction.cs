using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CasesDashboard.Features.Queues.Components;

/// <summary>
/// The Next case command of one browser session (scoped per circuit): claims the next case for the signed-in reader, opens it,
/// and says so — or says why not. The Next case buttons call it, and so can anything else that wants to: a keyboard shortcut
/// calls <see cref="RunAsync"/> with no argument and gets the queue of the page the reader is on (<see cref="Scope"/>), or all
/// of their queues. The rules are <see cref="NextCase"/>'s; this only runs it and shows the outcome.
/// </summary>
public sealed class NextCaseAction(NextCase next, NavigationManager navigation, ISnackbar snackbar, AuthenticationStateProvider auth)
{
    private int running;

    /// <summary>The queue the reader's current page is about (a queue page sets it while open); null: all their queues.</summary>
    public string? Scope { get; set; }

    /// <summary>Whether the reader may press Next case here, and why not.</summary>
    public async Task<Cases.Ability> CanRunAsync(string? queueId = null) => await next.CanClaimAsync(await ActorAsync(), queueId ?? Scope);

    /// <summary>Claims and opens the next case of <paramref name="queueId"/> (default: <see cref="Scope"/>); null while a press is still running.</summary>
    public async Task<NextCaseResult?> RunAsync(string? queueId = null)
    {
        if (Interlocked.Exchange(ref running, 1) == 1) return null;
        try
        {
            var result = await next.ClaimAsync(await ActorAsync(), queueId ?? Scope);
            if (result.Claimed)
            {
                snackbar.Add($"{result.CaseName} from {result.QueueName} is yours.", Severity.Success);
                navigation.NavigateTo($"cases/{result.CaseId}");
            }
            else snackbar.Add(result.Message!, Severity.Info);
            return result;
        }
        catch (DomainException e)
        {
            snackbar.Add(e.Message, Severity.Warning);
            return null;
        }
        finally { Interlocked.Exchange(ref running, 0); }
    }

    private async Task<Actor> ActorAsync() => Actor.FromPrincipal((await auth.GetAuthenticationStateAsync()).User);
}
