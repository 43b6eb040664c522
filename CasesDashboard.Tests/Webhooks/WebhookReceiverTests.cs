using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CasesDashboard.Data;
using CasesDashboard.Features.Webhooks;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Webhooks;

/// <summary>What a receiver on 127.0.0.1 gets: the exact bytes, Persona's signature over them, the attempt headers.</summary>
public abstract class WebhookReceiverTests(StoreProvider provider) : IAsyncLifetime
{
    private TestWebhooks w = default!;
    private TestStore S => w.Store;
    private TestReceiver Receiver => w.Receiver;

    public async Task InitializeAsync() => w = await TestWebhooks.OnAsync(provider);
    public async Task DisposeAsync() => await w.DisposeAsync();

    /// <summary>What a receiver computes: hex HMAC-SHA256 over the header's t, a dot and the raw body, keyed with the secret.</summary>
    private static string Expected(string secret, string t, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + ".").Concat(body).ToArray()));

    private static List<(string T, string V1)> Signatures(ReceivedRequest r) =>
        r.Header("Persona-Signature")!.Split(' ').Select(pair => pair.Split(',')).Select(p => (p[0]["t=".Length..], p[1]["v1=".Length..])).ToList();

    private async Task<ReceivedRequest> DeliverOneAsync()
    {
        await S.NewCaseAsync();
        await w.QueueAsync();
        await w.SendAsync();
        return Receiver.Requests[^1];
    }

    [SkippableFact]
    public async Task Send_Signature_IsHmacOfTheTimestampDotTheExactBodyBytes()
    {
        var hook = await w.SubscribeAsync(WebhookEvents.CaseCreated);

        var request = await DeliverOneAsync();

        var (t, v1) = Assert.Single(Signatures(request));
        Assert.Equal(S.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), t);
        Assert.Equal(Expected(hook.Secret, t, request.Body), v1);
        Assert.Equal(Encoding.UTF8.GetBytes(Assert.Single(await w.DeliveriesAsync()).Body), request.Body);
        Assert.Equal("application/json", request.Header("Content-Type"));
    }

    [SkippableFact]
    public async Task Send_Retry_CountsAttemptsAndKeepsTheFirstAttemptTime()
    {
        Receiver.AnswerInTurn(500);
        await w.SubscribeAsync(WebhookEvents.CaseCreated);
        var first = S.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await DeliverOneAsync();

        S.Clock.Advance(TimeSpan.FromMinutes(5));
        await w.SendAsync();

        var (one, two) = (Receiver.Requests[0], Receiver.Requests[1]);
        Assert.Equal(("1", "7", first), (one.Header("Persona-Webhook-Attempts-Made"), one.Header("Persona-Webhook-Attempts-Left"), one.Header("Persona-Webhook-First-Attempted-At")));
        Assert.Equal(("2", "6", first), (two.Header("Persona-Webhook-Attempts-Made"), two.Header("Persona-Webhook-Attempts-Left"), two.Header("Persona-Webhook-First-Attempted-At")));
        Assert.NotEqual(Signatures(one)[0].T, Signatures(two)[0].T);
    }

    [SkippableFact]
    public async Task Send_DuringASecretRotation_SignsWithTheNewAndThePreviousSecret()
    {
        var hook = await w.SubscribeAsync(WebhookEvents.CaseCreated);
        var rotated = await w.Service.RotateSecretAsync(hook.Webhook.Id, S.Admin);

        var request = await DeliverOneAsync();

        var signatures = Signatures(request);
        Assert.Equal([Expected(rotated.Secret, signatures[0].T, request.Body), Expected(hook.Secret, signatures[1].T, request.Body)],
            signatures.Select(x => x.V1));
    }

    [SkippableFact]
    public async Task Send_AfterTheRotationGrace_SignsWithTheNewSecretOnly()
    {
        var hook = await w.SubscribeAsync(WebhookEvents.CaseCreated);
        var rotated = await w.Service.RotateSecretAsync(hook.Webhook.Id, S.Admin);
        S.Clock.Advance(WebhookSecrets.RotationGrace + TimeSpan.FromSeconds(1));

        var request = await DeliverOneAsync();

        var (t, v1) = Assert.Single(Signatures(request));
        Assert.Equal(Expected(rotated.Secret, t, request.Body), v1);
    }
}

public sealed class WebhookReceiverTestsOnSqlite() : WebhookReceiverTests(StoreProvider.Sqlite);

public sealed class WebhookReceiverTestsOnPostgres() : WebhookReceiverTests(StoreProvider.Postgres);
