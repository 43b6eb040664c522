using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

public abstract class CaseServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task Create_TwoCases_NamesFollowTemplateSequenceAndIdsArePersonaShaped()
    {
        var first = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key), s.Lead);
        var second = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key), s.Analyst);

        var a = await s.Query.GetAsync(first, s.Lead);
        var b = await s.Query.GetAsync(second, s.Lead);
        Assert.Equal(("TST-1", "TST-2"), (a.Name, b.Name));
        Assert.Matches("^case_[1-9A-HJ-NP-Za-km-z]{24}$", first);
        Assert.Equal("open", a.Status.Key);
        Assert.Equal(TestStore.Start.UtcDateTime.AddHours(24), a.SlaExpiresAt);
    }

    [SkippableFact]
    public async Task Create_WritesCreatedEventInTheSameCommit()
    {
        var id = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { Fields = Fields(("note", "hello")) }, s.Lead);

        var view = await s.Query.GetAsync(id, s.Lead);
        var created = Assert.Single(view.Timeline);
        Assert.Equal(CaseEventTypes.Created, created.Type);
        Assert.Equal("Lee Lead", created.ActorName);
        Assert.Equal("hello", view.Field("note")!.Value.GetString());
    }

    [SkippableFact]
    public async Task Create_ViewerIsRefused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.CreateAsync(new NewCase(TestTemplates.Key), s.Viewer));
    }

    [SkippableFact]
    public async Task Assign_AnalystClaimsUnassignedCase_BecomesAssignee()
    {
        var id = await s.NewCaseAsync();

        await s.Cases.AssignAsync(id, s.Analyst.Id, 1, s.Analyst);

        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Equal("Sam Analyst", view.AssigneeName);
        Assert.True(view.Can.Work.Ok);
        Assert.Contains(view.Timeline, e => e.Type == CaseEventTypes.Assigned && e.NewValue == "Sam Analyst");
    }

    [SkippableFact]
    public async Task Assign_AnalystTakesAnotherAnalystsCase_IsRefusedNamingTheAssignee()
    {
        var id = await s.NewCaseAsync(s.OtherAnalyst);

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.AssignAsync(id, s.Analyst.Id, 2, s.Analyst));
        Assert.Contains("Ana Other", e.Message);
    }

    [SkippableFact]
    public async Task Assign_LeadReassigns_AnyAnalyst()
    {
        var id = await s.NewCaseAsync(s.OtherAnalyst);

        await s.Cases.AssignAsync(id, s.Analyst.Id, 2, s.Lead);

        Assert.Equal("Sam Analyst", (await s.Query.GetAsync(id, s.Lead)).AssigneeName);
    }

    [SkippableFact]
    public async Task Assign_ToViewer_IsRefusedOnTheAssigneeField()
    {
        var id = await s.NewCaseAsync();

        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.AssignAsync(id, s.Viewer.Id, 1, s.Lead));
        Assert.Equal("assignee", e.Problems.Single().Path);
    }

    [SkippableFact]
    public async Task UpdateFields_SecondEditorWithStaleVersion_IsRefusedAndFirstEditSurvives()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        var version = await s.VersionOfAsync(id);
        await s.Cases.UpdateFieldsAsync(id, Fields(("note", "first")), version, s.Analyst);

        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Cases.UpdateFieldsAsync(id, Fields(("note", "second")), version, s.Lead));

        Assert.Contains("TST-1 changed since you opened it: Sam Analyst — Note: empty → first (09:00:00 UTC)", e.Message);
        Assert.Contains("Reload", e.Message);
        Assert.Equal("first", (await s.Query.GetAsync(id, s.Lead)).Field("note")!.Value.GetString());
    }

    [SkippableFact]
    public async Task UpdateFields_ValueOfTheWrongType_IsRefusedNamingTheFieldAndNothingIsWritten()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        var version = await s.VersionOfAsync(id);

        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            s.Cases.UpdateFieldsAsync(id, Fields(("note", "ok"), ("count", "twelve"), ("verdict", "maybe")), version, s.Analyst));

        Assert.Equal(["fields.count", "fields.verdict"], e.Problems.Select(p => p.Path).Order());
        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Null(view.Field("note"));
        Assert.Equal(version, view.Version);
    }

    [SkippableFact]
    public async Task UpdateFields_RetiredOrUnknownField_IsRefused()
    {
        var id = await s.NewCaseAsync(s.Analyst);

        var version = await s.VersionOfAsync(id);

        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            s.Cases.UpdateFieldsAsync(id, Fields(("legacy", "x"), ("nope", 1)), version, s.Analyst));

        Assert.Equal(["fields.legacy", "fields.nope"], e.Problems.Select(p => p.Path).Order());
    }

    [SkippableFact]
    public async Task UpdateFields_EachChangedField_GetsOneAuditEventWithOldAndNew()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        await s.Cases.UpdateFieldsAsync(id, Fields(("count", 3)), await s.VersionOfAsync(id), s.Analyst);

        await s.Cases.UpdateFieldsAsync(id, Fields(("count", 5), ("note", "n")), await s.VersionOfAsync(id), s.Analyst);

        var events = (await s.Query.GetAsync(id, s.Analyst)).Timeline.Where(e => e.Field == "fields.count").ToList();
        Assert.Equal([(null, "3"), ("3", "5")], events.Select(e => (e.OldValue, e.NewValue)));
    }

    [SkippableFact]
    public async Task UpdateFields_AnalystNotAssigned_IsToldToAssignFirst()
    {
        var id = await s.NewCaseAsync();

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.UpdateFieldsAsync(id, Fields(("note", "x")), 1, s.Analyst));
        Assert.Contains("Assign TST-1 to yourself", e.Message);
    }

    [SkippableFact]
    public async Task UpdateFields_Viewer_IsRefused()
    {
        var id = await s.NewCaseAsync(s.Analyst);

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.UpdateFieldsAsync(id, Fields(("note", "x")), 2, s.Viewer));
    }
}

public sealed class CaseServiceTestsOnSqlite() : CaseServiceTests(StoreProvider.Sqlite);

public sealed class CaseServiceTestsOnPostgres() : CaseServiceTests(StoreProvider.Postgres);
