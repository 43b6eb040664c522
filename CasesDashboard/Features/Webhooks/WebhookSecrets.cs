using System.Security.Cryptography;
using CasesDashboard.Features.Common;
using Microsoft.AspNetCore.DataProtection;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// Signing secrets: generated here (<c>wbhsec_</c> + 40 base58 characters ≈ 234 bits), shown once, stored protected by ASP.NET
/// Data Protection (purpose <c>webhook-secrets</c>; the key ring lives in the database, so every instance can sign).
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string Prefix = "wbhsec_";
    /// <summary>How long the previous secret still signs after a rotation, so receivers can switch without missing a delivery.</summary>
    public static readonly TimeSpan RotationGrace = TimeSpan.FromHours(24);
    private readonly IDataProtector protector = provider.CreateProtector("webhook-secrets");

    public static string New() => Prefix + RandomNumberGenerator.GetString(PublicIds.Alphabet, 40);

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>The secrets that sign a delivery to <paramref name="s"/> at <paramref name="now"/>: the current one, and the previous during its grace period.</summary>
    public IReadOnlyList<string> SigningSecrets(WebhookSubscription s, DateTime now) =>
        s.ProtectedPreviousSecret is { } previous && s.PreviousSecretUntil > now
            ? [protector.Unprotect(s.ProtectedSecret), protector.Unprotect(previous)]
            : [protector.Unprotect(s.ProtectedSecret)];
}
