using System.Net;
using System.Net.Sockets;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// Which URLs a webhook may post to: absolute http or https, no credentials in the URL, and — unless
/// <c>Webhooks:AllowPrivateNetworks</c> — no loopback, private, link-local or otherwise internal address, so a subscription cannot
/// be used to reach the servers next to this one. Names are checked here as written; the addresses they resolve to are checked
/// again when connecting (<see cref="WebhookHttp"/>).
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="url"/> cannot be a webhook URL, or null when it can.</summary>
    public static string? Problem(string? url, bool allowPrivateNetworks)
    {
        if (string.IsNullOrWhiteSpace(url)) return "The URL is required.";
        if (url.Length > MaxLength) return $"The URL is at most {MaxLength} characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            return "The URL is an absolute http:// or https:// address.";
        if (uri.UserInfo.Length > 0) return "The URL may not carry a user name or password; authenticate deliveries by their signature.";
        if (uri.Fragment.Length > 0) return "The URL may not have a #fragment (it is never sent).";
        if (!allowPrivateNetworks && IsInternalHost(uri))
            return $"{uri.Host} is a loopback or private address; webhooks go to public addresses only (Webhooks:AllowPrivateNetworks).";
        return null;
    }

    private static bool IsInternalHost(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsInternal(address)
            : uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loopback, private, carrier-grade NAT, link-local, unspecified, multicast or reserved.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (address.GetAddressBytes()[0] & 0xfe) == 0xfc;   // fc00::/7, unique local
        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 or >= 224
            || b[0] == 100 && (b[1] & 0xc0) == 64       // 100.64.0.0/10
            || b[0] == 169 && b[1] == 254               // link-local, cloud metadata
            || b[0] == 172 && (b[1] & 0xf0) == 16       // 172.16.0.0/12
            || b[0] == 192 && b[1] == 168
            || b[0] == 192 && b[1] == 0 && b[2] == 0    // 192.0.0.0/24
            || b[0] == 198 && (b[1] & 0xfe) == 18;      // 198.18.0.0/15
    }
}
