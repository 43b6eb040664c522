namespace CasesDashboard.Features.Common;

/// <summary>
/// A wake-up call between background loops in this process: <see cref="Notify"/> wakes one waiter, and pulses given while nobody
/// waits collapse into one. Only a hint — the loops also poll, and the store (not the pulse) says what there is to do.
/// </summary>
public class Pulse
{
    private readonly SemaphoreSlim pulse = new(0, 1);

    public void Notify()
    {
        if (pulse.CurrentCount == 0)
            try { pulse.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>Returns true when pulsed, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => pulse.WaitAsync(timeout, ct);
}
