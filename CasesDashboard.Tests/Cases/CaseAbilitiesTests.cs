using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Sla;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

/// <summary>What the case page enables or explains comes from the service, with the reason, and the service enforces the same.</summary>
public abstract class CaseAbilitiesTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider, new() { ["Sla:AtRiskWindow"] = "06:00:00" });
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task Abilities_CaseOfAnotherAnalyst_SayWhoHasItAndOfferNoUnassign()
    {
        var id = await s.NewCaseAsync(s.OtherAnalyst);

        var can = (await s.Query.GetAsync(id, s.Analyst)).Can;

        Assert.Equal((false, "TST-1 is assigned to Ana Other; only they or a lead can work it."), (can.Work.Ok, can.Work.WhyNot));
        Assert.False(can.UnassignSelf.Ok);
        Assert.Contains("already assigned to Ana Other", can.AssignSelf.WhyNot);
        Assert.All(can.Actions, a => Assert.False(a.Press.Ok));
    }

    [SkippableFact]
    public async Task Abilities_OwnCase_OfferUnassignAndListWhatEachActionNeeds()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        await s.Cases.UpdateFieldsAsync(id, Fields(("verdict", "clean")), 2, s.Analyst);

        var can = (await s.Query.GetAsync(id, s.Analyst)).Can;

        Assert.True(can.UnassignSelf.Ok);
        Assert.Equal("Needs Count, Verdict ✓ and Confirmed", can.Action("approve")!.NeedsText);
        Assert.Equal("Needs Verdict ✓, Confirmed and a comment", can.Action("reject")!.NeedsText);
        Assert.Equal("", can.Action("start")!.NeedsText);
        Assert.Equal("'Close for leads' is for Lead only.", can.Action("escalate_close")!.Press.WhyNot);
    }

    [SkippableFact]
    public async Task Sla_WithinTheConfiguredWindow_IsAtRiskThenBreached()
    {
        var id = await s.NewCaseAsync();                     // due in 24 h (the test template)

        Assert.Equal(SlaState.OnTrack, (await s.Query.GetAsync(id, s.Lead)).Sla.State);
        s.Clock.Advance(TimeSpan.FromHours(19));
        Assert.Equal(SlaState.AtRisk, (await s.Query.GetAsync(id, s.Lead)).Sla.State);
        s.Clock.Advance(TimeSpan.FromHours(6));
        Assert.Equal(SlaState.Breached, (await s.Query.GetAsync(id, s.Lead)).Sla.State);
        Assert.Equal(SlaState.Breached, (await s.Query.SearchAsync(new CaseFilter(), s.Lead)).Rows.Single().Sla.State);
    }

    [SkippableFact]
    public async Task CreatableTemplates_ForAViewer_IsEmpty()
    {
        Assert.Empty(await s.Cases.CreatableTemplatesAsync(s.Viewer));
        Assert.Single(await s.Cases.CreatableTemplatesAsync(s.Analyst));
    }

    [SkippableFact]
    public async Task Create_UnknownObjectIds_NamesEachByItsPosition()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { ObjectIds = ["act_nope", "banana"] }, s.Analyst));

        Assert.Equal([("object_ids[0]", "No object with id 'act_nope'."), ("object_ids[1]", "'banana' is not an object id (inq_…, act_…, rep_… or txn_…).")],
            e.Problems.Select(p => (p.Path, p.Message)));
    }

    [SkippableFact]
    public async Task Create_InvalidTag_IsRefusedInsteadOfDropped()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { Tags = ["ok", "not ok!"] }, s.Analyst));

        Assert.Equal("tags", e.Problems.Single().Path);
    }

    [SkippableFact]
    public async Task AttachExternalData_BareNumber_IsRefusedSayingItMustBeAnObjectOrArray()
    {
        var id = await s.NewCaseAsync(s.Analyst);

        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.AttachExternalDataAsync(id, "score", "42", "api", s.Analyst));

        Assert.Equal(("external_data.json", "External data must be a JSON object or array; this is a number."), (e.Problems.Single().Path, e.Problems.Single().Message));
        await s.Cases.AttachExternalDataAsync(id, "scores", "[42]", "api", s.Analyst);
    }

    [SkippableFact]
    public async Task Reopen_WithoutAReason_IsRefused_AndTheReasonGoesOnTheTimeline()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        var v = (await s.Cases.ApplyActionAsync(id, "approve", null, 2, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)))).Version;

        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.ReopenAsync(id, "  ", v, s.Lead));
        await s.Cases.ReopenAsync(id, "Customer sent new documents", v, s.Lead);

        Assert.Equal("reason", e.Problems.Single().Path);
        var view = await s.Query.GetAsync(id, s.Lead);
        Assert.Contains(view.Timeline, t => t.Type == Features.Audit.CaseEventTypes.Reopened && t.Detail == "Customer sent new documents");
    }

    [SkippableFact]
    public async Task BulkImport_AppliesTheSameTagCommentAndRetiredFieldRules()
    {
        var bulk = s.Get<CaseBulkImporter>();
        var created = s.Clock.GetUtcNow().UtcDateTime;

        var e = await Assert.ThrowsAsync<ValidationException>(() => bulk.ImportAsync(
        [
            new BulkCase(TestTemplates.Key, "open", created) { Tags = ["bad tag!"], Fields = Fields(("legacy", "x")) },
            new BulkCase(TestTemplates.Key, "open", created) { Comments = [new BulkComment(s.Analyst.Id, new string('x', 10_001), created)] },
        ], Features.Security.Actor.System()));

        Assert.Equal(["cases[0].fields.legacy", "cases[0].tags", "cases[1].comments[0]"], e.Problems.Select(p => p.Path).Order());
    }
}

public sealed class CaseAbilitiesTestsOnSqlite() : CaseAbilitiesTests(StoreProvider.Sqlite);

public sealed class CaseAbilitiesTestsOnPostgres() : CaseAbilitiesTests(StoreProvider.Postgres);
