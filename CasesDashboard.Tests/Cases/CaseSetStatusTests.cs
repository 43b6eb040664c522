using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

/// <summary>Setting a status directly (the API's set-status): the template's statuses, transitions, roles and required fields.</summary>
public abstract class CaseSetStatusTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private string id = "";
    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider, withTemplate: false);
        var t = TestTemplates.Review();
        t.Statuses.Single(x => x.Key == "open").Transitions = ["working", "rejected"];
        t.Statuses.Add(new() { Key = "escalated", Label = "Escalated", Type = Features.Templates.StatusType.Intermediate });
        t.Actions.Add(new() { Key = "escalate", Label = "Escalate", TargetStatus = "escalated", Roles = [Roles.Lead] });
        await s.Templates.ImportAsync(t, Actor.System("test"));
        id = await s.NewCaseAsync(s.Analyst);
    }
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task SetStatus_UnknownStatus_IsRefusedOnStatusListingTheTemplates()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.SetStatusAsync(id, "gone", null, null, s.Analyst));

        Assert.Equal("status", e.Problems.Single().Path);
        Assert.Contains("open, working, approved, rejected", e.Problems.Single().Message);
    }

    [SkippableFact]
    public async Task SetStatus_TransitionNotAllowed_IsRefused()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.SetStatusAsync(id, "approved", null, null, s.Analyst));

        Assert.Contains("cannot move from Open to Approved", e.Problems.Single().Message);
    }

    [SkippableFact]
    public async Task SetStatus_StatusOnlyLeadActionsReach_IsRefusedForAnAnalyst()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.SetStatusAsync(id, "escalated", null, null, s.Analyst));
    }

    [SkippableFact]
    public async Task SetStatus_EndStatusWithRequiredFieldsFilled_ResolvesWithTheActorAsResolver()
    {
        await s.Cases.SetStatusAsync(id, "working", null, null, s.Analyst);
        await s.Cases.UpdateFieldsAsync(id, Fields(("verdict", "clean"), ("confirmed", true)), null, s.Analyst);

        await s.Cases.SetStatusAsync(id, "approved", "Looks fine.", null, s.Analyst);

        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Equal(("approved", "Approved", "Sam Analyst"), (view.Status.Key, view.ResolutionLabel, view.ResolverName));
        Assert.Equal("Looks fine.", view.Comments.Single().Body);
    }

    [SkippableFact]
    public async Task SetStatus_EndStatusWithRequiredFieldsEmpty_NamesEachField()
    {
        await s.Cases.SetStatusAsync(id, "working", null, null, s.Analyst);

        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.SetStatusAsync(id, "approved", null, null, s.Analyst));

        Assert.Equal(["fields.confirmed", "fields.verdict"], e.Problems.Select(p => p.Path).Order());
    }

    [SkippableFact]
    public async Task SetStatus_ResolvedCaseBackToInitialByALead_ReopensWithTheCommentAsReason()
    {
        await s.Cases.UpdateFieldsAsync(id, Fields(("verdict", "fraud"), ("confirmed", true)), null, s.Analyst);
        await s.Cases.SetStatusAsync(id, "rejected", null, null, s.Analyst);

        await s.Cases.SetStatusAsync(id, "open", "New evidence arrived.", null, s.Lead);

        var view = await s.Query.GetAsync(id, s.Lead);
        Assert.Equal(("open", null), (view.Status.Key, view.ResolvedAt));
    }

    [SkippableFact]
    public async Task SetStatus_StaleVersionAfterAStatusChange_IsAConflict()
    {
        await s.Cases.SetStatusAsync(id, "working", null, null, s.Lead);

        await Assert.ThrowsAsync<ConflictException>(() => s.Cases.SetStatusAsync(id, "rejected", null, 2, s.Analyst));
    }
}

public sealed class CaseSetStatusTestsOnSqlite() : CaseSetStatusTests(StoreProvider.Sqlite);

public sealed class CaseSetStatusTestsOnPostgres() : CaseSetStatusTests(StoreProvider.Postgres);
