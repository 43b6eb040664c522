namespace CasesDashboard.Features.Audit;

/// <summary>
/// Wakes event-log consumers as soon as a write commits, so they need not poll often. Only a hint: consumers also poll on a
/// timer, and the log itself (not this signal) says what is new.
/// </summary>
public sealed class EventLogSignal : Common.Pulse;
