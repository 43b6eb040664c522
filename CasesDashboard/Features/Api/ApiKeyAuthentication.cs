using System.Security.Claims;
using System.Text.Encodings.Web;
using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Api;

/// <summary>
/// <c>Authorization: Bearer pk_live_…</c>: the request acts as the key (actor type api-key, the key's id, name and one role).
/// The API group accepts only this scheme, never the sign-in cookie, so there is no cross-site request to forge. A missing,
/// unknown or revoked key is answered 401, a role the endpoint's policy does not admit 403, both as JSON error documents.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyService keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    /// <summary>The key's row id, for per-key rate limits and idempotency records.</summary>
    public const string KeyIdClaim = "api_key_row";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header is 'Bearer <API key>'.");
        var found = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (found is not { } key) return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        var a = key.Actor;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, a.Id), new Claim(Actor.DisplayNameClaim, a.Name), new Claim(Actor.TypeClaim, a.Type.ToString()),
            new Claim(KeyIdClaim, key.KeyId.ToString()), .. a.Roles.Select(r => new Claim(ClaimTypes.Role, r)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiErrors.WriteAsync(Context, 401, result.Failure?.Message ?? "Send an API key: Authorization: Bearer <key>. Admins create keys at /admin/api-keys.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var policy = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        var roles = policy is not null && Policies.RolesByPolicy.TryGetValue(policy, out var admitted) ? string.Join(", ", admitted) : "another role";
        var role = string.Join(", ", Context.User.FindAll(ClaimTypes.Role).Select(c => c.Value));
        return ApiErrors.WriteAsync(Context, 403, $"This key's role ({role}) cannot do this; it needs {roles}.");
    }
}
