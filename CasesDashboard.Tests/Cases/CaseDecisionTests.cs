using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

public abstract class CaseDecisionTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private string id = "";
    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider);
        id = await s.NewCaseAsync(s.Analyst);
    }
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task ApplyAction_ResolveWithRequiredFieldsEmpty_ListsEveryMissingFieldAndChangesNothing()
    {
        var version = await s.VersionOfAsync(id);

        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.ApplyActionAsync(id, "approve", null, version, s.Analyst));

        Assert.Equal(["fields.confirmed", "fields.count", "fields.verdict"], e.Problems.Select(p => p.Path).Order());
        Assert.Contains(e.Problems, p => p.Message == "Verdict is required to approve.");
        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Equal(("open", version), (view.Status.Key, view.Version));
    }

    [SkippableFact]
    public async Task ApplyAction_CommentRequiredButMissing_IsRefusedOnTheCommentAndNoAuditIsWritten()
    {
        var version = await s.VersionOfAsync(id);
        var before = (await s.Query.GetAsync(id, s.Analyst)).Timeline.Count;

        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            s.Cases.ApplyActionAsync(id, "reject", "  ", version, s.Analyst, Fields(("verdict", "fraud"), ("confirmed", true))));

        Assert.Contains(e.Problems, p => p.Path == "comment");
        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Equal(before, view.Timeline.Count);
        Assert.Null(view.Field("verdict"));
    }

    [SkippableFact]
    public async Task ApplyAction_ResolveWithFieldsGivenAlongside_ResolvesAndRecordsResolution()
    {
        s.Clock.Advance(TimeSpan.FromHours(2));

        await s.Cases.ApplyActionAsync(id, "approve", "All good", await s.VersionOfAsync(id), s.Analyst,
            Fields(("verdict", "clean"), ("confirmed", true), ("count", 2)));

        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.True(view.IsResolved);
        Assert.Equal(("Approved", "Sam Analyst"), (view.ResolutionLabel, view.ResolverName));
        Assert.Equal(TestStore.Start.UtcDateTime.AddHours(2), view.ResolvedAt);
        Assert.Equal("All good", view.Comments.Single().Body);
        Assert.Equal(
            [CaseEventTypes.Updated, CaseEventTypes.Updated, CaseEventTypes.Updated, CaseEventTypes.Commented, CaseEventTypes.StatusUpdated, CaseEventTypes.Resolved],
            view.Timeline.SkipWhile(e => e.Type != CaseEventTypes.Updated).Select(e => e.Type));
        Assert.False(view.Can.Work.Ok);
    }

    [SkippableFact]
    public async Task ApplyAction_IntermediateStatus_NeedsNoResolveFields()
    {
        await s.Cases.ApplyActionAsync(id, "start", null, await s.VersionOfAsync(id), s.Analyst);

        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Equal("working", view.Status.Key);
        Assert.False(view.IsResolved);
        Assert.False(view.Can.Action("start")!.Press.Ok);
    }

    [SkippableFact]
    public async Task ApplyAction_RestrictedToLeads_IsRefusedForAnalystAndAllowedForLead()
    {
        var resolve = Fields(("verdict", "clean"), ("confirmed", true));

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.ApplyActionAsync(id, "escalate_close", null, 2, s.Analyst, resolve));
        await s.Cases.ApplyActionAsync(id, "escalate_close", null, 2, s.Lead, resolve);

        Assert.True((await s.Query.GetAsync(id, s.Lead)).IsResolved);
    }

    [SkippableFact]
    public async Task ApplyAction_OnResolvedCase_IsRefusedUntilReopened()
    {
        await s.Cases.ApplyActionAsync(id, "approve", null, 2, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)));
        var version = await s.VersionOfAsync(id);

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.ApplyActionAsync(id, "start", null, version, s.Analyst));
        Assert.Contains("resolved", e.Message);
    }

    [SkippableFact]
    public async Task Reopen_ByLead_ReturnsToInitialStatusAndClearsResolution()
    {
        await s.Cases.ApplyActionAsync(id, "approve", null, 2, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)));

        await s.Cases.ReopenAsync(id, "New evidence arrived", await s.VersionOfAsync(id), s.Lead);

        var view = await s.Query.GetAsync(id, s.Lead);
        Assert.Equal(("open", false, null), (view.Status.Key, view.IsResolved, view.ResolutionLabel));
        Assert.Contains(view.Timeline, e => e.Type == CaseEventTypes.Reopened && e.OldValue == "Approved");
    }

    [SkippableFact]
    public async Task Reopen_ByAnalyst_IsRefused()
    {
        await s.Cases.ApplyActionAsync(id, "approve", null, 2, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)));

        await Assert.ThrowsAsync<ForbiddenException>(async () => await s.Cases.ReopenAsync(id, null, await s.VersionOfAsync(id), s.Analyst));
    }

    [SkippableFact]
    public async Task ApplyAction_StatusChangedByAnotherSinceRead_IsRefusedSayingWhoAndWhat()
    {
        await s.Cases.ApplyActionAsync(id, "start", null, 2, s.Lead);

        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Cases.ApplyActionAsync(id, "reject", "no", 2, s.Analyst));

        Assert.Contains("TST-1 changed since you opened it: Lee Lead — Status: Open → Working", e.Message);
        Assert.Equal("working", (await s.Query.GetAsync(id, s.Analyst)).Status.Key);
    }

    [SkippableFact]
    public async Task ApplyAction_RequiredFieldChangedByAnotherSinceRead_IsRefused()
    {
        await s.Cases.UpdateFieldsAsync(id, Fields(("count", 2)), 2, s.Lead);

        await Assert.ThrowsAsync<ConflictException>(() => s.Cases.ApplyActionAsync(id, "approve", null, 2, s.Analyst,
            Fields(("verdict", "clean"), ("confirmed", true))));
    }

    [SkippableFact]
    public async Task ApplyAction_NewEvidenceLinkedSinceRead_IsRefused()
    {
        await s.Cases.AttachExternalDataAsync(id, "device", "{\"ip\": \"1.2.3.4\"}", "api", s.Lead);

        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Cases.ApplyActionAsync(id, "reject", "no", 2, s.Analyst));

        Assert.Contains("Attached external data 'device'", e.Message);
    }

    [SkippableFact]
    public async Task ApplyAction_OnlyPriorityCommentsAndTagsChangedSinceRead_GoesThrough()
    {
        await s.Cases.SetPriorityAsync(id, Features.Templates.CasePriority.Urgent, 2, s.Lead);
        await s.Cases.AddCommentAsync(id, "Looked at it", s.Lead);
        await s.Cases.AddTagAsync(id, "vip", s.Lead);

        await s.Cases.ApplyActionAsync(id, "start", null, 2, s.Analyst);

        Assert.Equal("working", (await s.Query.GetAsync(id, s.Analyst)).Status.Key);
    }

    [SkippableFact]
    public async Task SetPriority_AfterAColleaguesTag_IsNotRefused()
    {
        await s.Cases.AddTagAsync(id, "airport", s.Lead);

        await s.Cases.SetPriorityAsync(id, Features.Templates.CasePriority.High, 2, s.Analyst);

        Assert.Equal(Features.Templates.CasePriority.High, (await s.Query.GetAsync(id, s.Analyst)).Priority);
    }

    [SkippableFact]
    public async Task SetPriority_AfterAnotherPriorityChange_IsRefusedNamingIt()
    {
        await s.Cases.SetPriorityAsync(id, Features.Templates.CasePriority.Urgent, 2, s.Lead);

        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Cases.SetPriorityAsync(id, Features.Templates.CasePriority.Low, 2, s.Analyst));

        Assert.Contains("Lee Lead — Priority: Normal → Urgent", e.Message);
    }

    [SkippableFact]
    public async Task ApplyAction_Success_PublishesOneEventAfterCommitWithTheStatusChange()
    {
        var published = new List<CaseChanged>();
        s.Events.Changed += c => { published.Add(c); return Task.CompletedTask; };

        await s.Cases.ApplyActionAsync(id, "start", null, 2, s.Analyst);

        var change = Assert.Single(published);
        Assert.Equal(CaseEventTypes.StatusUpdated, change.EventType);
        Assert.Contains(change.Changes, c => (c.Field, c.Old, c.New) == ("status", "Open", "Working"));
        Assert.Equal("working", (await s.Query.GetAsync(change.CaseId, s.Analyst)).Status.Key);
    }
}

public sealed class CaseDecisionTestsOnSqlite() : CaseDecisionTests(StoreProvider.Sqlite);

public sealed class CaseDecisionTestsOnPostgres() : CaseDecisionTests(StoreProvider.Postgres);
