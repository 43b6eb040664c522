namespace CasesDashboard.Features.Webhooks;

/// <summary>The retry schedule across attempts (kept in the database as each delivery's next attempt time).</summary>
public static class WebhookBackoff
{
    /// <summary>
    /// The wait after <paramref name="failedAttempts"/> failed attempts: base × 2^(n−1), at most the cap, times a jitter factor
    /// between 0.8 and 1.2 (<paramref name="random"/> in [0, 1)), so receivers coming back are not met by every delivery at once.
    /// </summary>
    public static TimeSpan Delay(int failedAttempts, WebhookOptions o, double random)
    {
        var exponential = Math.Min(o.BackoffCapSeconds, o.BackoffBaseSeconds * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30)));
        return TimeSpan.FromSeconds(exponential * (0.8 + 0.4 * random));
    }
}
