using System.Security.Cryptography;
using System.Text;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// <c>Persona-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>, keyed with the subscription's secret (its
/// UTF-8 bytes). While a secret rotates the header carries one such pair per secret, separated by a space, as Persona's does:
/// a receiver accepts the delivery when any <c>v1</c> matches.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Persona-Signature";

    public static string Sign(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static string HeaderValue(long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(s => $"t={timestamp},v1={Sign(s, timestamp, body)}"));
}
