using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Webhooks;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Tests.Webhooks;

/// <summary>Subscriptions as admins manage them: secrets, URL and event rules, enabling, deleting, audit, deliveries.</summary>
public abstract class WebhookServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestWebhooks w = default!;
    private TestStore S => w.Store;
    private WebhookService Service => w.Service;

    /// <summary>As in Production: loopback and private addresses refused.</summary>
    public async Task InitializeAsync() => w = await TestWebhooks.OnAsync(provider, new() { ["Webhooks:AllowPrivateNetworks"] = "false" });
    public async Task DisposeAsync() => await w.DisposeAsync();

    private Task<WebhookWithSecret> CreateAsync(string url = "https://hooks.example.com/cases") => Service.CreateAsync(url, [WebhookEvents.CaseCreated], S.Admin);

    [SkippableFact]
    public async Task Create_KeepsTheSecretProtectedNotInPlainText()
    {
        var created = await CreateAsync();

        await using var db = await S.DbAsync();
        var stored = await db.WebhookSubscriptions.SingleAsync();
        Assert.StartsWith(WebhookSecrets.Prefix, created.Secret);
        Assert.DoesNotContain(created.Secret, stored.ProtectedSecret);
        Assert.DoesNotContain(created.Secret[WebhookSecrets.Prefix.Length..], stored.ProtectedSecret);
    }

    [SkippableFact]
    public async Task Create_IsAuditedWithTheWebhookAsSubjectAndNoSecret()
    {
        var created = await CreateAsync();

        await using var db = await S.DbAsync();
        var e = await db.AuditEvents.SingleAsync(x => x.Subject == $"webhook:{created.Webhook.Id}");
        Assert.Equal((WebhookAudit.Created, "https://hooks.example.com/cases", S.Admin.Name), (e.Type, e.NewValue, e.ActorName));
        Assert.DoesNotContain(created.Secret, $"{e.OldValue}{e.NewValue}{e.Detail}");
    }

    [SkippableTheory]
    [InlineData("ftp://hooks.example.com/x", "http:// or https://")]
    [InlineData("hooks.example.com/x", "http:// or https://")]
    [InlineData("https://user:pass@hooks.example.com/x", "user name or password")]
    [InlineData("http://127.0.0.1:8080/x", "loopback or private")]
    [InlineData("http://localhost/x", "loopback or private")]
    [InlineData("http://10.1.2.3/x", "loopback or private")]
    [InlineData("http://169.254.169.254/latest/meta-data", "loopback or private")]
    [InlineData("http://[::1]/x", "loopback or private")]
    [InlineData("http://[fd00::1]/x", "loopback or private")]
    public async Task Create_UrlNotAllowed_IsRefusedWithTheReason(string url, string reason)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync(url));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("url", problem.Path);
        Assert.Contains(reason, problem.Message);
        await using var db = await S.DbAsync();
        Assert.False(await db.WebhookSubscriptions.AnyAsync());
    }

    [SkippableFact]
    public async Task Create_LoopbackWhenPrivateNetworksAreAllowed_IsAccepted()
    {
        await using var open = await TestWebhooks.OnAsync(provider);

        var created = await open.Service.CreateAsync("http://127.0.0.1:9/hook", [WebhookEvents.CaseCreated], open.Store.Admin);

        Assert.True(created.Webhook.Enabled);
    }

    [SkippableFact]
    public async Task Create_UnknownOrNoEvents_AreRefusedByPosition()
    {
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync("https://h.example.com", [WebhookEvents.CaseCreated, "case.deleted"], S.Admin));
        var none = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync("https://h.example.com", [], S.Admin));

        Assert.Equal("enabled_events[1]", Assert.Single(unknown.Problems).Path);
        Assert.Equal("enabled_events", Assert.Single(none.Problems).Path);
    }

    [SkippableFact]
    public async Task Create_ByANonAdmin_IsForbidden()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CreateAsync("https://h.example.com", [WebhookEvents.CaseCreated], S.Lead));
    }

    [SkippableFact]
    public async Task Update_UrlAndEvents_AreChangedAndAuditedOldToNew()
    {
        var created = await CreateAsync();

        var updated = await Service.UpdateAsync(created.Webhook.Id, new WebhookChange("https://other.example.com/in", [WebhookEvents.CaseResolved, WebhookEvents.CaseCreated]), S.Admin);

        Assert.Equal("https://other.example.com/in", updated.Url);
        Assert.Equal([WebhookEvents.CaseCreated, WebhookEvents.CaseResolved], updated.Events);
        await using var db = await S.DbAsync();
        var changes = await db.AuditEvents.Where(e => e.Type == WebhookAudit.Updated).OrderBy(e => e.Id).Select(e => new { e.Field, e.OldValue, e.NewValue }).ToListAsync();
        Assert.Equal(["url: https://hooks.example.com/cases → https://other.example.com/in", "events: case.created → case.created,case.resolved"],
            changes.Select(c => $"{c.Field}: {c.OldValue} → {c.NewValue}"));
    }

    [SkippableFact]
    public async Task Update_EnableADisabledSubscription_ClearsTheReasonAndFailuresAndIsAudited()
    {
        var created = await CreateAsync();
        await Service.UpdateAsync(created.Webhook.Id, new WebhookChange(Enabled: false), S.Admin);

        var enabled = await Service.UpdateAsync(created.Webhook.Id, new WebhookChange(Enabled: true), S.Admin);

        Assert.Equal((true, null, 0), (enabled.Enabled, enabled.DisabledReason, enabled.ConsecutiveFailures));
        await using var db = await S.DbAsync();
        Assert.Equal([WebhookAudit.Created, WebhookAudit.Disabled, WebhookAudit.Enabled],
            await db.AuditEvents.Where(e => e.Subject == WebhookAudit.Subject(created.Webhook.Id)).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
    }

    [SkippableFact]
    public async Task Update_DisableByAnAdmin_SaysWho()
    {
        var created = await CreateAsync();

        var disabled = await Service.UpdateAsync(created.Webhook.Id, new WebhookChange(Enabled: false), S.Admin);

        Assert.Equal($"Disabled by {S.Admin.Name}.", disabled.DisabledReason);
    }

    [SkippableFact]
    public async Task RotateSecret_ReturnsANewSecretAndShowsWhenTheOldOneStopsSigning()
    {
        var created = await CreateAsync();

        var rotated = await Service.RotateSecretAsync(created.Webhook.Id, S.Admin);

        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.Equal(S.Clock.GetUtcNow().UtcDateTime + WebhookSecrets.RotationGrace, rotated.Webhook.RotationEndsAt);
    }

    [SkippableFact]
    public async Task Delete_RemovesTheSubscriptionWithItsDeliveriesAndIsAudited()
    {
        var created = await CreateAsync();
        await S.NewCaseAsync();
        await w.QueueAsync();

        await Service.DeleteAsync(created.Webhook.Id, S.Admin);

        await using var db = await S.DbAsync();
        Assert.False(await db.WebhookSubscriptions.AnyAsync());
        Assert.False(await db.WebhookDeliveries.AnyAsync());
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Subject == WebhookAudit.Subject(created.Webhook.Id) && e.Type == WebhookAudit.Deleted));
    }

    [SkippableFact]
    public async Task Deliveries_PageNewestFirstWithACursor()
    {
        var created = await CreateAsync();
        var cases = new List<string>();
        for (var i = 0; i < 3; i++) cases.Add(await S.NewCaseAsync());
        await w.QueueAsync();

        var first = await Service.DeliveriesAsync(created.Webhook.Id, 2, null, S.Admin);
        var second = await Service.DeliveriesAsync(created.Webhook.Id, 2, first.Next, S.Admin);

        Assert.Equal([cases[2], cases[1]], first.Deliveries.Select(d => d.CaseId));
        Assert.Equal([cases[0]], second.Deliveries.Select(d => d.CaseId));
        Assert.Null(second.Next);
    }
}

public sealed class WebhookServiceTestsOnSqlite() : WebhookServiceTests(StoreProvider.Sqlite);

public sealed class WebhookServiceTestsOnPostgres() : WebhookServiceTests(StoreProvider.Postgres);
