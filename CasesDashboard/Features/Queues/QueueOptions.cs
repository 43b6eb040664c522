namespace CasesDashboard.Features.Queues;

/// <summary>Configuration section <c>Queues</c>.</summary>
public sealed class QueueOptions
{
    /// <summary>An analyst with no browser session of the app open for this long counts as away (automatic assignment passes them by).</summary>
    public int AwayAfterMinutes { get; set; } = 15;

    /// <summary>Changes to cases within this window are counted once per queue for every open queues page.</summary>
    public int CountsWindowMilliseconds { get; set; } = 300;

    public TimeSpan AwayAfter => TimeSpan.FromMinutes(AwayAfterMinutes);
    public TimeSpan CountsWindow => TimeSpan.FromMilliseconds(CountsWindowMilliseconds);
}
