using System.Security.Claims;
using CasesDashboard.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Components.Account;

/// <summary>
/// A sign-in lasts while the user's security stamp is the one it was issued with. Signing out (or a password change)
/// renews the stamp, so every cookie issued before is refused from the next request on (ADR 005).
/// </summary>
internal static class SessionStamp
{
    /// <summary>Signs out, and makes every cookie this user holds (in any browser) worthless.</summary>
    public static async Task EndAsync(SignInManager<ApplicationUser> signIn, ClaimsPrincipal principal)
    {
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
    }

    /// <summary>Checks the stamp at every request (one read by primary key), before Identity's own periodic claims refresh.</summary>
    public static void RefuseEndedSessions(this CookieAuthenticationOptions options)
    {
        var next = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var services = context.HttpContext.RequestServices;
            if (context.Principal is not { } principal || !await IsCurrentAsync(
                    services.GetRequiredService<UserManager<ApplicationUser>>(), principal, services.GetRequiredService<IOptions<IdentityOptions>>().Value))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await next(context);
        };
    }

    /// <summary>Whether the principal's user still exists and still has the stamp the principal was issued with.</summary>
    public static async Task<bool> IsCurrentAsync(UserManager<ApplicationUser> users, ClaimsPrincipal principal, IdentityOptions options)
    {
        if (await users.GetUserAsync(principal) is not { } user) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        return principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
