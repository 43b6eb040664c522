namespace CasesDashboard.Features.Audit;

/// <summary>
/// Wakes event-log consumers as soon as a write commits, so they need not poll often. Only a hint: consumers also poll on a
/// timer, and the log itself (not this signal) says what is new.
/// </summary>
public sealed class EventLogSignal
{
    private readonly SemaphoreSlim pulse = new(0, 1);

    public void Notify()
    {
        if (pulse.CurrentCount == 0)
            try { pulse.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>Returns when something committed or <paramref name="timeout"/> passed.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => pulse.WaitAsync(timeout, ct);
}
