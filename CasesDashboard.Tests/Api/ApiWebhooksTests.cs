using System.Net;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using static CasesDashboard.Tests.TestInfrastructure.ApiFactory;

namespace CasesDashboard.Tests.Api;

/// <summary>The app with loopback webhook URLs allowed, so deliveries reach a <see cref="TestReceiver"/>.</summary>
public sealed class WebhookApiFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> ApiSettings => new Dictionary<string, string>(base.ApiSettings) { ["Webhooks:AllowPrivateNetworks"] = "true" };
}

/// <summary>/api/v1/webhooks through the real pipeline, with the app's own outbox and dispatcher running.</summary>
public sealed class ApiWebhooksTests(WebhookApiFactory app) : IClassFixture<WebhookApiFactory>, IAsyncLifetime
{
    private TestReceiver receiver = default!;
    public async Task InitializeAsync() => receiver = await TestReceiver.StartAsync();
    public async Task DisposeAsync() => await receiver.DisposeAsync();

    private async Task<string> CreateAsync()
    {
        var response = await (await app.ApiAsync(Roles.Admin)).PostAsync("/api/v1/webhooks",
            Json($$"""{"data": {"attributes": {"url": "{{receiver.Url}}", "enabled-events": ["case.created"]} } }"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await ReadAsync(response))["data"]!["id"]!;
    }

    /// <summary>Waits (up to a minute: the background services do the work) until the webhook has a delivery in this status.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> DeliveryAsync(string webhookId, string status)
    {
        var admin = await app.ApiAsync(Roles.Admin);
        for (var i = 0; i < 600; i++)
        {
            var page = await ReadAsync(await admin.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries"));
            if (page["data"]!.AsArray().FirstOrDefault(d => (string)d!["attributes"]!["status"]! == status) is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No {status} delivery for {webhookId}.");
    }

    [Theory]
    [InlineData(Roles.Lead, "GET", "/api/v1/webhooks")]
    [InlineData(Roles.Analyst, "GET", "/api/v1/webhooks/{id}")]
    [InlineData(Roles.Viewer, "GET", "/api/v1/webhooks/{id}/deliveries")]
    [InlineData(Roles.Lead, "POST", "/api/v1/webhooks")]
    [InlineData(Roles.Lead, "PATCH", "/api/v1/webhooks/{id}")]
    [InlineData(Roles.Lead, "DELETE", "/api/v1/webhooks/{id}")]
    [InlineData(Roles.Analyst, "POST", "/api/v1/webhooks/{id}/rotate-secret")]
    [InlineData(Roles.Lead, "POST", "/api/v1/webhook-deliveries/whd_x/replay")]
    public async Task RoleMatrix_KeyOtherThanAdmin_Gets403(string role, string method, string path)
    {
        var id = await CreateAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id)) { Content = Json("""{"data": {"attributes": {}}}""") };

        var response = await (await app.ApiAsync(role)).SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/webhooks", HttpStatusCode.OK)]
    [InlineData("GET", "/api/v1/webhooks/{id}", HttpStatusCode.OK)]
    [InlineData("GET", "/api/v1/webhooks/{id}/deliveries", HttpStatusCode.OK)]
    [InlineData("PATCH", "/api/v1/webhooks/{id}", HttpStatusCode.OK)]
    [InlineData("POST", "/api/v1/webhooks/{id}/rotate-secret", HttpStatusCode.OK)]
    [InlineData("DELETE", "/api/v1/webhooks/{id}", HttpStatusCode.OK)]
    public async Task RoleMatrix_AdminKey_IsServed(string method, string path, HttpStatusCode expected)
    {
        var id = await CreateAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id));
        if (method == "PATCH") request.Content = Json("""{"data": {"attributes": {"status": "disabled"}}}""");

        Assert.Equal(expected, (await (await app.ApiAsync(Roles.Admin)).SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Post_Webhook_AnswersWithTheSecretOnceAndALocation()
    {
        var response = await (await app.ApiAsync(Roles.Admin)).PostAsync("/api/v1/webhooks",
            Json($$"""{"data": {"attributes": {"url": "{{receiver.Url}}", "enabled-events": ["case.created", "case.resolved"]} } }"""));
        var data = (await ReadAsync(response))["data"]!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("wbhsec_", (string)data["attributes"]!["secret"]!);
        Assert.Equal($"/api/v1/webhooks/{data["id"]}", response.Headers.Location!.ToString());
        var read = await ReadAsync(await (await app.ApiAsync(Roles.Admin)).GetAsync(response.Headers.Location));
        Assert.Null(read["data"]!["attributes"]!["secret"]);
        Assert.Equal("enabled", (string)read["data"]!["attributes"]!["status"]!);
    }

    [Fact]
    public async Task Post_RetriedWithTheSameIdempotencyKey_ReplaysWithoutTheSecretAndKeepsNone()
    {
        var admin = await app.ApiAsync(Roles.Admin);
        var body = $$"""{"data": {"attributes": {"url": "{{receiver.Url}}", "enabled-events": ["case.created"]} } }""";
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/v1/webhooks") { Content = Json(body), Headers = { { "Idempotency-Key", "hook-once" } } };

        var first = await ReadAsync(await admin.SendAsync(Request()));
        var again = await admin.SendAsync(Request());

        var secret = (string)first["data"]!["attributes"]!["secret"]!;
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var replayed = await ReadAsync(again);
        Assert.Equal((string)first["data"]!["id"]!, (string)replayed["data"]!["id"]!);
        Assert.Null(replayed["data"]!["attributes"]!["secret"]);
        await using var db = await app.DbAsync();
        Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString((await db.IdempotencyRecords.SingleAsync(r => r.Key == "hook-once")).Body));
    }

    [Theory]
    [InlineData("""{"data": {"attributes": {"url": "ftp://x.example.com", "enabled-events": ["case.created"]}}}""", 422, "/data/attributes/url")]
    [InlineData("""{"data": {"attributes": {"url": "https://x.example.com", "enabled-events": ["case.created", "case.deleted"]}}}""", 422, "/data/attributes/enabled-events/1")]
    [InlineData("""{"data": {"attributes": {"enabled-events": ["case.created"]}}}""", 400, "/data/attributes/url")]
    [InlineData("""{"data": {"attributes": {"url": "https://x.example.com", "enabled-events": "case.created"}}}""", 400, "/data/attributes/enabled-events")]
    public async Task Post_BadInput_IsRefusedPointingAtTheMember(string body, int status, string pointer)
    {
        var response = await (await app.ApiAsync(Roles.Admin)).PostAsync("/api/v1/webhooks", Json(body));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(pointer, (string)(await ReadAsync(response))["errors"]![0]!["source"]!["pointer"]!);
    }

    [Fact]
    public async Task Patch_UnknownStatus_IsRefusedPointingAtIt()
    {
        var id = await CreateAsync();

        var response = await (await app.ApiAsync(Roles.Admin)).PatchAsync($"/api/v1/webhooks/{id}", Json("""{"data": {"attributes": {"status": "paused"}}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("/data/attributes/status", (string)(await ReadAsync(response))["errors"]![0]!["source"]!["pointer"]!);
    }

    [Fact]
    public async Task CaseCreated_IsDeliveredAndListedWithItsAttempt()
    {
        var id = await CreateAsync();

        var caseId = await NewCaseAsync(await app.ApiAsync());

        var delivery = await DeliveryAsync(id, "delivered");
        Assert.Equal(caseId, (string)delivery["attributes"]!["case-id"]!);
        Assert.Equal(200, (int)delivery["attributes"]!["attempts"]![0]!["status-code"]!);
        Assert.Contains(receiver.Requests, r => r.CaseId == caseId && r.EventName == "case.created");
    }

    [Fact]
    public async Task CaseChange_WhileTheReceiverHoldsADelivery_IsAnsweredWithoutWaitingForIt()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Answer = _ => { arrived.TrySetResult(); return release.Task; };
        await CreateAsync();
        var api = await app.ApiAsync();
        await NewCaseAsync(api);
        await arrived.Task.WaitAsync(TimeSpan.FromMinutes(1));

        var created = await api.PostAsync("/api/v1/cases", Json("""{"data": {"attributes": {"case-template-id": "ctmpl_TST"}}}"""));
        release.SetResult(200);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task PostReplay_QueuesANewDeliveryOfTheSameEvent()
    {
        var id = await CreateAsync();
        await NewCaseAsync(await app.ApiAsync());
        var delivered = await DeliveryAsync(id, "delivered");

        var response = await (await app.ApiAsync(Roles.Admin)).PostAsync($"/api/v1/webhook-deliveries/{delivered["id"]}/replay", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var replay = (await ReadAsync(response))["data"]!;
        Assert.Equal((string)delivered["id"]!, (string)replay["attributes"]!["replay-of"]!);
        Assert.Equal((string)delivered["attributes"]!["event-id"]!, (string)replay["attributes"]!["event-id"]!);
    }

    [Fact]
    public async Task Delete_ThenGet_Answers404()
    {
        var id = await CreateAsync();
        var admin = await app.ApiAsync(Roles.Admin);

        await admin.DeleteAsync($"/api/v1/webhooks/{id}");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/webhooks/{id}")).StatusCode);
    }
}
