using System.Net;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Webhooks;

namespace CasesDashboard.Tests.Webhooks;

/// <summary>The pure rules: which audit row is which Persona event, which addresses are internal, the backoff curve.</summary>
public sealed class WebhookRulesTests
{
    private static AuditEvent Row(string type, string? field = null) =>
        AuditEvent.By(Actor.System(), DateTime.UtcNow, type, caseId: 1, field: field);

    [Theory]
    [InlineData(CaseEventTypes.Created, "status", WebhookEvents.CaseCreated)]
    [InlineData(CaseEventTypes.Assigned, "assignee", WebhookEvents.CaseAssigned)]
    [InlineData(CaseEventTypes.StatusUpdated, "status", WebhookEvents.CaseStatusUpdated)]
    [InlineData(CaseEventTypes.Resolved, "resolution", WebhookEvents.CaseResolved)]
    [InlineData(CaseEventTypes.Reopened, "status", WebhookEvents.CaseReopened)]
    [InlineData(CaseEventTypes.Commented, "comments", WebhookEvents.CaseCommentCreated)]
    [InlineData(CaseEventTypes.Redacted, "redacted_at", WebhookEvents.CaseRedacted)]
    [InlineData(CaseEventTypes.SlaExpired, "sla_expires_at", WebhookEvents.CaseSlaExpired)]
    [InlineData(CaseEventTypes.Updated, "fields.verdict", WebhookEvents.CaseUpdatedFields)]
    [InlineData(CaseEventTypes.Updated, "tags", WebhookEvents.CaseUpdatedTags)]
    [InlineData(CaseEventTypes.Updated, "queue", WebhookEvents.CaseQueueUpdated)]
    [InlineData(CaseEventTypes.Updated, "priority", WebhookEvents.CaseUpdated)]
    [InlineData(CaseEventTypes.Updated, "objects.inquiry", WebhookEvents.CaseUpdated)]
    [InlineData(CaseEventTypes.Updated, "external_data", WebhookEvents.CaseUpdated)]
    [InlineData(CaseEventTypes.Updated, "template_version", WebhookEvents.CaseUpdated)]
    public void NameOf_CaseAuditRow_IsItsPersonaEvent(string type, string field, string expected) =>
        Assert.Equal(expected, WebhookEvents.NameOf(Row(type, field)));

    [Fact]
    public void NameOf_EventAboutAnotherSubject_IsNone() =>
        Assert.Null(WebhookEvents.NameOf(AuditEvent.By(Actor.System(), DateTime.UtcNow, "api-key.created", subject: "api-key:key_1")));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.8", true)]
    [InlineData("172.20.1.1", true)]
    [InlineData("192.168.1.10", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("2606:4700::1111", false)]
    public void IsInternal_Address_IsRecognised(string address, bool expected) =>
        Assert.Equal(expected, WebhookUrls.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public void Delay_ManyFailures_StaysWithinTheCapAndItsJitter()
    {
        var o = new WebhookOptions { BackoffBaseSeconds = 30, BackoffCapSeconds = 600 };

        Assert.Equal(TimeSpan.FromSeconds(600 * 1.2), WebhookBackoff.Delay(40, o, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(30 * 0.8), WebhookBackoff.Delay(1, o, 0.0));
    }
}
