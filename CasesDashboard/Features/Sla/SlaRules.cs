using CasesDashboard.Features.Templates;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Sla;

/// <summary>Where a case stands against its SLA: open (on track, at risk, breached) or resolved (met, missed).</summary>
public enum SlaState { OnTrack, AtRisk, Breached, Met, Missed }

/// <summary>A case's SLA as the grid, the case page and the API show it.</summary>
public sealed record SlaInfo(DateTime DueAt, SlaState State)
{
    public bool IsOpen => State is SlaState.OnTrack or SlaState.AtRisk or SlaState.Breached;
}

/// <summary>Configuration section <c>Sla</c>.</summary>
public sealed class SlaOptions
{
    /// <summary>An open case due within this window is "at risk" (grid, queues, dashboard).</summary>
    public TimeSpan AtRiskWindow { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>
/// The SLA rules in one place: when a new case is due, and whether a case is on track, at risk, breached, met or missed.
/// Every screen and the API ask this; none keeps its own window or arithmetic.
/// </summary>
public sealed class SlaRules(IOptions<SlaOptions> options, TimeProvider clock)
{
    /// <summary>The due time of a case of <paramref name="definition"/> created at <paramref name="createdAt"/>.</summary>
    public static DateTime DueAt(TemplateDefinition definition, DateTime createdAt) => createdAt.AddHours(definition.SlaHours);

    public SlaInfo Evaluate(DateTime dueAt, DateTime? resolvedAt) => Evaluate(dueAt, resolvedAt, clock.GetUtcNow().UtcDateTime);

    public SlaInfo Evaluate(DateTime dueAt, DateTime? resolvedAt, DateTime now) => new(dueAt,
        resolvedAt is { } r ? (r <= dueAt ? SlaState.Met : SlaState.Missed)
        : dueAt <= now ? SlaState.Breached
        : dueAt - now <= options.Value.AtRiskWindow ? SlaState.AtRisk
        : SlaState.OnTrack);
}
