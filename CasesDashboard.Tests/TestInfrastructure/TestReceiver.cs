using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>One request a <see cref="TestReceiver"/> got: its headers and the exact bytes of its body.</summary>
public sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);
    public JsonNode Json => JsonNode.Parse(Body)!;
    public string EventName => (string)Json["data"]!["attributes"]!["name"]!;
    public string? CaseId => (string?)Json["data"]!["attributes"]!["payload"]!["data"]?["id"];
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

/// <summary>
/// A webhook receiver: Kestrel on 127.0.0.1 (a free port) answering <c>POST /hook</c>, keeping every request it got. It answers
/// 200 unless told otherwise (<see cref="Answer"/>).
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> requests = new();

    private TestReceiver(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";
    public IReadOnlyList<ReceivedRequest> Requests => requests.ToList();
    /// <summary>The status to answer a request with; may wait (to let an attempt time out).</summary>
    public Func<ReceivedRequest, Task<int>> Answer { get; set; } = _ => Task.FromResult(200);

    /// <summary>Answers with these statuses in turn, then 200.</summary>
    public void AnswerInTurn(params int[] statuses)
    {
        var queue = new ConcurrentQueue<int>(statuses);
        Answer = _ => Task.FromResult(queue.TryDequeue(out var s) ? s : 200);
    }

    public static async Task<TestReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new TestReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var request = new ReceivedRequest(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray());
            receiver.requests.Enqueue(request);
            http.Response.StatusCode = await receiver.Answer(request);
            await http.Response.WriteAsync($"answered {http.Response.StatusCode}");
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
