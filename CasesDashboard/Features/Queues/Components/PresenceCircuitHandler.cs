using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CasesDashboard.Features.Queues.Components;

/// <summary>
/// A live browser session of a signed-in user who works cases is an open session for <see cref="Presence"/> (and so for their
/// availability) from the moment its circuit opens until it closes.
/// </summary>
public sealed class PresenceCircuitHandler(Presence presence, AvailabilityService availability, AuthenticationStateProvider auth,
    ILogger<PresenceCircuitHandler> logger) : CircuitHandler
{
    private IDisposable? session;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        var actor = Actor.FromPrincipal((await auth.GetAuthenticationStateAsync()).User);
        if (!actor.CanWork || actor.Type != ActorType.User) return;
        session = presence.OpenSession(actor);
        try { await availability.SeenAsync([actor], ct); }
        catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Could not record that {User} is here", actor.Name); }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
    {
        session?.Dispose();
        return Task.CompletedTask;
    }
}
