using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Cases;

/// <summary>What one change did to one attribute: old → new (JSON or plain text), as its audit event records it.</summary>
public sealed record CaseChange(string Field, string? Old, string? New, string Type = CaseEventTypes.Updated, string? Detail = null);

/// <summary>Published after a case change commits. Carries what changed so subscribers (pages, automations) can match on it.</summary>
public sealed record CaseChanged(
    string CaseId, string CaseName, string EventType, ActorType ActorType, string ActorId, string ActorName,
    DateTime At, long Version, IReadOnlyList<CaseChange> Changes);

/// <summary>
/// The one place every case change is published, after commit. Components subscribe in
/// OnInitialized, marshal with InvokeAsync, and unsubscribe in Dispose.
/// </summary>
public sealed class CaseEvents(ILogger<CaseEvents> logger)
{
    public event Func<CaseChanged, Task>? Changed;

    public async Task PublishAsync(CaseChanged change)
    {
        var handlers = Changed;
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<CaseChanged, Task>>())
        {
            try { await handler(change); }
            catch (Exception e) { logger.LogWarning(e, "A subscriber failed on {Event} for {Case}", change.EventType, change.CaseId); }
        }
    }
}
