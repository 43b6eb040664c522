using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// A webhook receiver for the bench: Kestrel on loopback answering every <c>POST /hook</c> with 200, noting how long after its
/// change (the event's <c>created-at</c>) each event arrived.
/// </summary>
public sealed class BenchReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int received;
    private ConcurrentQueue<double> latencies = new();

    private BenchReceiver(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";
    public int Received => Volatile.Read(ref received);

    /// <summary>Milliseconds from each change to the arrival of its event, since the last call.</summary>
    public List<double> TakeLatencies() => Interlocked.Exchange(ref latencies, new ConcurrentQueue<double>()).ToList();

    public static async Task<BenchReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new BenchReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var changedAt = body.RootElement.GetProperty("data").GetProperty("attributes").GetProperty("created-at").GetDateTime();
            receiver.latencies.Enqueue((DateTime.UtcNow - changedAt.ToUniversalTime()).TotalMilliseconds);
            Interlocked.Increment(ref receiver.received);
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
