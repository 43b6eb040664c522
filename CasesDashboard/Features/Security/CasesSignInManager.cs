using CasesDashboard.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Security;

/// <summary>
/// Identity's sign-in, except that an email without an account is answered exactly as an account with a wrong
/// password: "failed" with a password hash checked (so it takes as long), and "locked out" after as many failures
/// and for as long (<see cref="UnknownEmailLockout"/>).
/// </summary>
public sealed class CasesSignInManager(
    UserManager<ApplicationUser> userManager, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory, IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation, UnknownEmailLockout unknownEmails)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? standInHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);

        var email = UserManager.NormalizeName(userName);
        if (unknownEmails.IsLockedOut(email)) return SignInResult.LockedOut;
        var standIn = new ApplicationUser();
        standInHash ??= UserManager.PasswordHasher.HashPassword(standIn, Guid.NewGuid().ToString());
        UserManager.PasswordHasher.VerifyHashedPassword(standIn, standInHash, password);
        return lockoutOnFailure && UserManager.SupportsUserLockout && unknownEmails.Fail(email) ? SignInResult.LockedOut : SignInResult.Failed;
    }
}
