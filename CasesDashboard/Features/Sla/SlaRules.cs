using CasesDashboard.Features.Templates;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Sla;

/// <summary>Where a case stands against its SLA: open (on track, at risk, breached) or resolved (met, missed).</summary>
public enum SlaState { OnTrack, AtRisk, Breached, Met, Missed, Paused }

/// <summary>
/// A case's SLA as the grid, the case page and the API show it. <see cref="Left"/>: the working time left when paused (the due time
/// then is "if resumed now"); <see cref="PausedFor"/>: wall time spent paused so far; <see cref="Overridden"/>: set by hand.
/// </summary>
public sealed record SlaInfo(DateTime DueAt, SlaState State, TimeSpan? Left = null, TimeSpan PausedFor = default, bool Overridden = false)
{
    public bool IsOpen => State is SlaState.OnTrack or SlaState.AtRisk or SlaState.Breached or SlaState.Paused;
}

/// <summary>Configuration section <c>Sla</c>.</summary>
public sealed class SlaOptions
{
    /// <summary>An open case due within this window is "at risk" (grid, queues, dashboard).</summary>
    public TimeSpan AtRiskWindow { get; set; } = TimeSpan.FromHours(4);
    /// <summary>How often the SLA monitor looks for cases that came due or at risk.</summary>
    public TimeSpan MonitorPeriod { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Cases the monitor marks per transaction.</summary>
    public int MonitorBatch { get; set; } = 200;
}

/// <summary>
/// The SLA rules in one place: when a new case is due, and whether a case is on track, at risk, breached, met or missed.
/// Every screen and the API ask this; none keeps its own window or arithmetic.
/// </summary>
public sealed class SlaRules(IOptions<SlaOptions> options, TimeProvider clock)
{
    /// <summary>An open case due within this window is at risk.</summary>
    public TimeSpan AtRiskWindow => options.Value.AtRiskWindow;

    /// <summary>The due time of a case of <paramref name="definition"/> created at <paramref name="createdAt"/>.</summary>
    public static DateTime DueAt(TemplateDefinition definition, DateTime createdAt) => createdAt.AddHours(definition.SlaHours);

    /// <summary>A case's SLA now, pauses included.</summary>
    public SlaInfo Evaluate(Cases.Case c) => Evaluate(c, clock.GetUtcNow().UtcDateTime);

    public SlaInfo Evaluate(Cases.Case c, DateTime now)
    {
        var pausedFor = TimeSpan.FromSeconds(c.SlaPausedSeconds) + (c.SlaPausedSince is { } p && c.ResolvedAt is null ? now - p : TimeSpan.Zero);
        var info = Evaluate(c.SlaExpiresAt, c.ResolvedAt, now) with { PausedFor = pausedFor, Overridden = c.SlaOverridden };
        // A paused clock is not due, however late the "if resumed now" time; a recorded breach stays a breach.
        return c.ResolvedAt is null && c.SlaPausedSince is not null && c.SlaStage != SlaStage.Breached
            ? info with { State = SlaState.Paused, Left = SlaClock.Left(c) }
            : info;
    }

    /// <summary>
    /// The open cases in <paramref name="state"/> (at risk, breached or paused) as a query condition over indexed columns — the same
    /// rule as <see cref="Evaluate(Cases.Case, DateTime)"/>, for the grid's filter, the queues and the dashboard.
    /// </summary>
    public System.Linq.Expressions.Expression<Func<Cases.Case, bool>> Matching(SlaState state) => Matching(state, clock.GetUtcNow().UtcDateTime);

    public System.Linq.Expressions.Expression<Func<Cases.Case, bool>> Matching(SlaState state, DateTime now)
    {
        var soon = now + options.Value.AtRiskWindow;
        const Templates.StatusType end = Templates.StatusType.End;
        return state switch
        {
            SlaState.Breached => c => c.StatusType != end && (c.SlaStage == SlaStage.Breached || (c.SlaPausedSince == null && c.SlaExpiresAt <= now)),
            SlaState.AtRisk => c => c.StatusType != end && c.SlaStage != SlaStage.Breached && c.SlaPausedSince == null && c.SlaExpiresAt > now && c.SlaExpiresAt <= soon,
            SlaState.Paused => c => c.StatusType != end && c.SlaStage != SlaStage.Breached && c.SlaPausedSince != null,
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Only at risk, breached and paused select open cases."),
        };
    }

    public SlaInfo Evaluate(DateTime dueAt, DateTime? resolvedAt) => Evaluate(dueAt, resolvedAt, clock.GetUtcNow().UtcDateTime);

    public SlaInfo Evaluate(DateTime dueAt, DateTime? resolvedAt, DateTime now) => new(dueAt,
        resolvedAt is { } r ? (r <= dueAt ? SlaState.Met : SlaState.Missed)
        : dueAt <= now ? SlaState.Breached
        : dueAt - now <= options.Value.AtRiskWindow ? SlaState.AtRisk
        : SlaState.OnTrack);
}
