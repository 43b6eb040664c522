namespace CasesDashboard.Features.Queues;

/// <summary>
/// Every <see cref="Presence.HeartbeatPeriod"/>: repeats this instance's case viewers to the other instances (and forgets theirs
/// that went quiet), and records that the users with a session open here are still here (their away-by-absence clock).
/// </summary>
public sealed class PresenceHeartbeat(Presence presence, AvailabilityService availability, TimeProvider clock, ILogger<PresenceHeartbeat> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Presence.HeartbeatPeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await presence.AnnounceAsync();
                    await availability.SeenAsync(presence.SessionUsers, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "The presence heartbeat failed; it tries again"); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
