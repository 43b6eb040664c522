using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Sla;

/// <summary>
/// Where the monitor has got with a case's SLA (an indexed column with <c>SlaExpiresAt</c>, so the monitor reads only what is
/// due): running, flagged at risk, breach recorded, paused in a waiting status, stopped by resolution.
/// </summary>
public enum SlaStage { Running = 0, AtRisk = 1, Breached = 2, Paused = 3, Stopped = 4 }

/// <summary>
/// Keeps a case's SLA clock: working time used in finished running stretches (<c>SlaUsedSeconds</c>), the running stretch's
/// start (<c>SlaRunningSince</c>), pauses, and the due time <c>SlaExpiresAt</c> = the current stretch's start + what is left of
/// the target on the calendar. Called on creation and after every change (status, priority, queue, template version, reopen),
/// so the stored due time is always the policy's answer for the case as it now is.
/// </summary>
public static class SlaClock
{
    /// <summary>Starts the clock (a new case, a reopened one) at <paramref name="now"/>.</summary>
    public static void Start(Case c, SlaTerms terms, DateTime now, TimeSpan atRiskWindow)
    {
        (c.SlaStartedAt, c.SlaUsedSeconds, c.SlaPausedSeconds, c.SlaRunningSince, c.SlaPausedSince) = (now, 0, 0, null, null);
        (c.SlaOverridden, c.SlaStage) = (false, SlaStage.Running);
        c.AssignmentDueAt = terms.FirstAssignment is { } first ? terms.Add(now, first) : null;
        // The due time as if the clock runs from now: what a case created (or imported) already resolved keeps.
        (c.SlaRunningSince, c.SlaExpiresAt) = (now, terms.Add(now, terms.Resolution));
        Retime(c, terms, now, atRiskWindow);
    }

    /// <summary>Brings the clock up to <paramref name="now"/> for the case's current status and terms and recomputes the due time.</summary>
    public static void Retime(Case c, SlaTerms terms, DateTime now, TimeSpan atRiskWindow)
    {
        // Reopened: the clock starts again with the whole target (an explicit due time ends with the resolution).
        if (c.SlaStage == SlaStage.Stopped && c.StatusType != StatusType.End) { Start(c, terms, now, atRiskWindow); return; }
        var ended = c.StatusType == StatusType.End;
        var paused = !ended && !c.SlaOverridden && terms.Pauses(c.Status);
        var running = !ended && !paused;
        if (c.SlaRunningSince is { } since && !running)
        {
            c.SlaUsedSeconds += (long)terms.Between(since, now).TotalSeconds;
            c.SlaRunningSince = null;
        }
        if (c.SlaPausedSince is { } pausedAt && !paused)
        {
            c.SlaPausedSeconds += (long)(now - pausedAt).TotalSeconds;
            c.SlaPausedSince = null;
        }
        if (running) c.SlaRunningSince ??= now;
        if (paused) c.SlaPausedSince ??= now;
        c.SlaTargetSeconds = (long)terms.Resolution.TotalSeconds;
        if (ended) { c.SlaStage = SlaStage.Stopped; return; }

        var oldDue = c.SlaExpiresAt;
        if (!c.SlaOverridden)
            c.SlaExpiresAt = terms.Add(c.SlaRunningSince ?? now, TimeSpan.FromSeconds(Math.Max(0, c.SlaTargetSeconds - c.SlaUsedSeconds)));
        // A recorded breach stays recorded through a pause (the monitor ignores both), so resuming cannot record it again.
        c.SlaStage = paused && c.SlaStage != SlaStage.Breached ? SlaStage.Paused : Kept(c.SlaStage, oldDue, c.SlaExpiresAt, now, atRiskWindow);
    }

    /// <summary>
    /// The monitor's mark survives a re-timing that does not undo it: a recorded breach stays recorded while the case is still
    /// past due, an at-risk flag stays while the case is still within the window; otherwise the monitor looks again.
    /// </summary>
    private static SlaStage Kept(SlaStage old, DateTime oldDue, DateTime due, DateTime now, TimeSpan window) => old switch
    {
        SlaStage.Breached when due <= now => SlaStage.Breached,
        SlaStage.AtRisk when due == oldDue || (due > now && due - now <= window) => SlaStage.AtRisk,
        SlaStage.Breached when due > now && due - now <= window => SlaStage.AtRisk,
        _ => SlaStage.Running,
    };

    /// <summary>Working time left on a paused clock.</summary>
    public static TimeSpan Left(Case c) => TimeSpan.FromSeconds(Math.Max(0, c.SlaTargetSeconds - c.SlaUsedSeconds));
}
