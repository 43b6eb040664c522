using System.Security.Claims;
using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Data;

/// <summary>Adds the user's display name to the sign-in cookie, so audit events and the UI can name them.</summary>
public sealed class DisplayNameClaimsFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Actor.DisplayNameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName));
        return identity;
    }
}
