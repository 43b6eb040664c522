using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CasesDashboard.Components.Shared;

/// <summary>A component that acts for the signed-in user: services are called with <see cref="GetActorAsync"/>.</summary>
public abstract class ActorComponentBase : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    protected async Task<Actor> GetActorAsync() =>
        AuthState is null ? Actor.User("", "anonymous") : Actor.FromPrincipal((await AuthState).User);
}
