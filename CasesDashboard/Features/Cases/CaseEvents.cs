using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Cases;

/// <summary>What one change did to one attribute: old → new (JSON or plain text), as its audit event records it.</summary>
public sealed record CaseChange(string Field, string? Old, string? New, string Type = CaseEventTypes.Updated, string? Detail = null);

/// <summary>Published after a case change commits. Carries what changed so subscribers (pages, automations) can match on it.</summary>
public sealed record CaseChanged(
    string CaseId, string CaseName, string EventType, ActorType ActorType, string ActorId, string ActorName,
    DateTime At, long Version, IReadOnlyList<CaseChange> Changes)
{
    /// <summary>The public ids of the queues the case was in before and is in after the change (live queue counts recount these).</summary>
    public IReadOnlyList<string> Queues { get; init; } = [];
}

/// <summary>
/// The one place every case change is published, after commit, for open pages. Components subscribe in OnInitialized,
/// marshal with InvokeAsync, and unsubscribe in Dispose. Changes made on other instances sharing the database arrive
/// through the <see cref="ClusterBus"/> and are published here the same way.
/// </summary>
public sealed partial class CaseEvents
{
    private const string Kind = "case-changed";
    private readonly ILogger<CaseEvents> logger;
    private readonly ClusterBus? bus;
    private readonly TimeProvider clock;

    public CaseEvents(ILogger<CaseEvents> logger, ClusterBus? bus = null, TimeProvider? clock = null)
    {
        (this.logger, this.bus, this.clock) = (logger, bus, clock ?? TimeProvider.System);
        if (bus is not null)
            bus.Received += m => m.Kind == Kind && JsonSerializer.Deserialize<CaseChanged>(m.Payload) is { } change ? PublishHereAsync(change) : Task.CompletedTask;
    }

    public event Func<CaseChanged, Task>? Changed;

    /// <summary>Tells this instance's subscribers, then the other instances.</summary>
    public async Task PublishAsync(CaseChanged change)
    {
        await PublishHereAsync(change);
        if (bus is not null) await bus.BroadcastAsync(Kind, JsonSerializer.Serialize(change));
    }

    private async Task PublishHereAsync(CaseChanged change)
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
