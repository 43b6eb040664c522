using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CasesDashboard.Features.Webhooks;

/// <summary>A delivery due now, with its subscription.</summary>
public sealed record DueDelivery(long Id, string PublicId, string EventName, string Body, int AttemptsMade, int MaxAttempts,
    DateTime? FirstAttemptedAt, bool IsTest, WebhookSubscription Subscription);

/// <summary>What one attempt got: the receiver's status and the start of its answer, or why there was none.</summary>
public sealed record AttemptResult(DateTime At, int DurationMs, int? StatusCode, string? Response, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
    public string Summary => StatusCode is { } code ? $"HTTP {code}" : Error ?? "no answer";
}

/// <summary>
/// One attempt of a delivery: a POST of the stored body, signed now, with Persona's attempt headers. Never throws for what the
/// receiver or the network does; the result says what happened.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookSecrets secrets, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    public const int ResponseExcerptBytes = 2048;
    public const string AttemptsMadeHeader = "Persona-Webhook-Attempts-Made";
    public const string AttemptsLeftHeader = "Persona-Webhook-Attempts-Left";
    public const string FirstAttemptedAtHeader = "Persona-Webhook-First-Attempted-At";

    public async Task<AttemptResult> SendAsync(DueDelivery d, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var attempt = d.AttemptsMade + 1;
        var first = d.FirstAttemptedAt is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc)) : now;
        using var request = new HttpRequestMessage(HttpMethod.Post, d.Subscription.Url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(d.Body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header,
            WebhookSignature.HeaderValue(now.ToUnixTimeSeconds(), d.Body, secrets.SigningSecrets(d.Subscription, now.UtcDateTime)));
        request.Headers.Add(AttemptsMadeHeader, attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(AttemptsLeftHeader, Math.Max(0, d.MaxAttempts - attempt).ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(FirstAttemptedAtHeader, first.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await clients.CreateClient(WebhookHttp.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var (excerpt, error) = await ExcerptAsync(response, ct);
            return new AttemptResult(now.UtcDateTime, Elapsed(), (int)response.StatusCode, excerpt, error);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TimeoutRejectedException or OperationCanceledException or IOException)
        {
            return new AttemptResult(now.UtcDateTime, Elapsed(), null, null, Describe(e));
        }
    }

    /// <summary>The first 2 KB of the answer; the rest is not read. A body that does not arrive in time is noted, not waited for.</summary>
    private async Task<(string? Excerpt, string? Error)> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.CurrentValue.AttemptTimeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[ResponseExcerptBytes];
            var read = 0;
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), timeout.Token) is var n and > 0) read += n;
            return (read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read), null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is OperationCanceledException or IOException or HttpRequestException)
        {
            return (null, "The answer's body could not be read: " + Describe(e));
        }
    }

    private string Describe(Exception e)
    {
        var text = e switch
        {
            TimeoutRejectedException or OperationCanceledException => $"No answer within {options.CurrentValue.AttemptTimeoutSeconds} s.",
            _ when e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) => $"{e.Message} {inner.Message}",
            _ => e.Message,
        };
        return text.Length > 1000 ? text[..1000] : text;
    }
}
