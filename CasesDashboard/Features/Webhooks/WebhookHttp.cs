using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Polly;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// The HTTP client deliveries go out with: no redirects followed (a redirect is a failed attempt), a per-attempt timeout from
/// Polly (the resilience handler), and — unless <c>Webhooks:AllowPrivateNetworks</c> — a connection only to a public address
/// of the host, checked after name resolution, so a name pointing inside the network is refused too.
/// </summary>
public static class WebhookHttp
{
    public const string ClientName = "webhooks";

    public static IServiceCollection AddWebhookHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan;   // the resilience handler's timeout governs each attempt
                c.DefaultRequestHeaders.UserAgent.ParseAdd("CasesDashboard-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<IOptionsMonitor<WebhookOptions>>()))
            .RemoveAllLoggers()   // every attempt is recorded with the delivery; four log lines each would drown the log
            .AddResilienceHandler("webhook-attempt", (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout));
        return services;
    }

    private static SocketsHttpHandler Handler(IOptionsMonitor<WebhookOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            if (!options.CurrentValue.AllowPrivateNetworks) addresses = addresses.Where(a => !WebhookUrls.IsInternal(a)).ToArray();
            if (addresses.Length == 0)
                throw new HttpRequestException($"{host} has no public address to deliver to (Webhooks:AllowPrivateNetworks is off).");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
