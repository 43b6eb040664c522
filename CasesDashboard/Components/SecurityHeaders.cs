using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace CasesDashboard.Components;

/// <summary>Configuration section <c>ForwardedHeaders</c>: the app runs behind a TLS-terminating reverse proxy.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Trust X-Forwarded-Proto and X-Forwarded-For from the proxy (so HTTPS is recognised: HSTS, Secure cookies).</summary>
    public bool Enabled { get; set; }
    /// <summary>Addresses (<c>10.0.0.5</c>) or networks (<c>172.18.0.0/16</c>) of the proxy. Empty: the proxy is on this host (loopback).</summary>
    public List<string> KnownProxies { get; set; } = [];

    public ForwardedHeadersOptions ToOptions()
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in KnownProxies)
        {
            if (proxy.Contains('/')) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            else options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        return options;
    }
}

/// <summary>
/// The headers every response carries: a Content-Security-Policy with a per-request script nonce (Blazor's inline
/// import map is the only inline script; MudBlazor needs inline styles), no framing, no sniffing, no referrer off-site,
/// and over HTTPS (directly or through a trusted proxy) HSTS and Secure cookies.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>This request's script nonce, for the inline scripts App.razor renders.</summary>
    public static string? NonceOf(HttpContext context) => context.Items[NonceKey] as string;

    /// <summary>First in the pipeline, so redirects, errors, status pages and static files all carry the headers.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var forwarded = app.Configuration.GetSection("ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new();
        if (forwarded.Enabled) app.UseForwardedHeaders(forwarded.ToOptions());
        var hsts = !app.Environment.IsDevelopment();
        app.Use((context, next) =>
        {
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            // Set when the response starts: an exception page clears the headers set before it.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Policy(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                if (hsts && context.Request.IsHttps && !IsLoopback(context.Request.Host.Host))
                    headers.StrictTransportSecurity = "max-age=31536000";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.SameAsRequest, MinimumSameSitePolicy = SameSiteMode.Lax });
        return app;
    }

    private static string Policy(string nonce) => string.Join("; ",
        "default-src 'self'",
        $"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    /// <summary>Browsers would remember HSTS for localhost and break every other local app on plain HTTP.</summary>
    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
