using Bunit;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

/// <summary>Action buttons, clicked in the rendered page: required fields, required comments, drafts saved with the action.</summary>
public sealed class CaseActionBarTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private string id = "";

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        id = await S.NewCaseAsync(S.Analyst);
        h.SignIn(S.Analyst);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private IRenderedComponent<CasePage> Open() => h.Render<CasePage>(p => p.Add(x => x.Id, id));

    [Fact]
    public async Task Approve_WithRequiredFieldsEmpty_ShowsEachReasonAndDoesNotResolve()
    {
        var page = Open();

        page.Find("[data-action=approve]").Click();
        page.Find("[data-testid=action-submit]").Click();

        var problems = page.WaitForElement("[data-testid=problems]").TextContent;
        Assert.Contains("Verdict is required to approve.", problems);
        Assert.Contains("Confirmed is required to approve.", problems);
        Assert.Contains("Count is required to approve.", problems);
        Assert.False((await S.Query.GetAsync(id, S.Analyst)).IsResolved);
    }

    [Fact]
    public async Task Reject_CommentRequired_RefusedWithoutAndResolvedWithItAndTheTickedCheckbox()
    {
        await S.Cases.UpdateFieldsAsync(id, Fields(("verdict", "fraud")), 2, S.Analyst);
        var page = Open();

        page.Find("[data-field-editor=confirmed] input[type=checkbox]").Change(true);
        page.Find("[data-action=reject]").Click();
        Assert.Contains("Comment (required)", page.Find("[data-testid=action-confirm]").TextContent);
        page.Find("[data-testid=action-submit]").Click();
        page.WaitForAssertion(() => Assert.Contains("A comment is required to reject.", page.Find("[data-testid=problems]").TextContent));

        page.Find("textarea[data-testid=action-comment]").Input("Device farm confirmed by the vendor.");
        page.Find("[data-testid=action-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Resolved as Rejected by Sam Analyst", page.Find("[data-testid=resolution]").TextContent));
        var view = await S.Query.GetAsync(id, S.Analyst);
        Assert.Equal("rejected", view.Status.Key);
        Assert.True(view.Field("confirmed")!.Value.GetBoolean());
        Assert.Equal("Device farm confirmed by the vendor.", view.Comments.Single().Body);
    }

    [Fact]
    public void Start_NoCommentNoConfirmation_RunsAtOnceAndHidesItself()
    {
        var page = Open();

        page.Find("[data-action=start]").Click();

        page.WaitForAssertion(() => Assert.Equal("Working", page.Find("[data-testid=status]").TextContent.Trim()));
        Assert.True(page.Find("[data-action=start]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task SaveFields_AfterAnotherUsersChange_IsRefusedWithWhoAndWhenAndNothingIsOverwritten()
    {
        var page = Open();
        page.Find("[data-field-editor=note] input").Change("mine");

        await S.Cases.UpdateFieldsAsync(id, Fields(("note", "theirs")), 2, S.Lead);
        page.WaitForAssertion(() => Assert.Contains("Lee Lead changed TST-1 at 09:00:00 UTC: Note: empty → theirs", page.Find("[data-testid=stale-banner]").TextContent));
        page.Find("[data-testid=save-fields]").Click();

        page.WaitForAssertion(() => Assert.Contains("TST-1 changed since you opened it: Lee Lead — Note: empty → theirs (09:00:00 UTC). Reload",
            page.Find("[data-testid=stale-banner]").TextContent));
        Assert.Equal("theirs", (await S.Query.GetAsync(id, S.Lead)).Field("note")!.Value.GetString());
    }

    [Fact]
    public async Task AttachExternalData_InvalidJson_ShowsTheParseErrorOnTheField()
    {
        var page = Open();

        page.Find("[data-testid=attach-open]").Click();
        page.Find("[data-testid=attach-form] input").Input("device");
        page.Find("[data-testid=attach-form] textarea").Input("{\"ip\": ");
        page.Find("[data-testid=attach-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Invalid JSON at line 1", page.Find("[data-testid=attach-form]").TextContent));
        Assert.Empty((await S.Query.GetAsync(id, S.Analyst)).ExternalData);
    }

    [Fact]
    public async Task Actions_SayWhatTheyNeedBeforeTheyArePressed_IncludingRequiredToResolveFields()
    {
        await S.Cases.UpdateFieldsAsync(id, Fields(("verdict", "fraud")), 2, S.Analyst);
        var page = Open();

        Assert.Equal("Needs Count, Verdict ✓ and Confirmed", page.Find("[data-action-cell=approve] [data-testid=action-needs]").TextContent.Trim());
        Assert.Equal("Needs Verdict ✓, Confirmed and a comment", page.Find("[data-action-cell=reject] [data-testid=action-needs]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-action-cell=start] [data-testid=action-needs]"));
    }

    [Fact]
    public async Task Actions_OnAColleaguesCase_AreDisabledWithTheReasonShownOnce()
    {
        id = await S.NewCaseAsync(S.OtherAnalyst);
        var page = Open();

        Assert.Equal("TST-2 is assigned to Ana Other; only they or a lead can work it.", page.Find("[data-testid=actions-why-not]").TextContent.Trim());
        Assert.All(page.FindAll("[data-action]"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public async Task Reopen_AsksForAReasonAndPutsItOnTheTimeline()
    {
        await S.Cases.ApplyActionAsync(id, "approve", null, 2, S.Analyst, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)));
        h.SignIn(S.Lead);
        var page = Open();

        page.Find("[data-testid=reopen]").Click();
        Assert.True(page.Find("[data-testid=reopen-submit]").HasAttribute("disabled"));
        page.Find("input[data-testid=reopen-reason]").Input("Customer sent new documents");
        page.Find("[data-testid=reopen-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("Open", page.Find("[data-testid=status]").TextContent.Trim()));
        var view = await S.Query.GetAsync(id, S.Lead);
        Assert.Contains(view.Timeline, e => e.Type == Features.Audit.CaseEventTypes.Reopened && e.Detail == "Customer sent new documents");
    }

    [Fact]
    public void Comments_HaveACharacterCounterAgainstTheLimit()
    {
        var page = Open();

        page.Find("textarea[data-testid=new-comment]").Input("Checked.");

        Assert.Contains("8 / 10000", page.Find("[data-panel=comments]").TextContent);
    }

    [Fact]
    public async Task Comments_TypingAnAtName_OffersPeopleAndCompletesTheChosenOne()
    {
        var notifications = S.Get<Features.Notifications.NotificationConsumer>();
        await notifications.CatchUpAsync();   // its cursor starts here
        var page = Open();

        page.Find("textarea[data-testid=new-comment]").Input("Please check this @an");
        Assert.Equal(["Ana Other", "Sam Analyst"], page.FindAll("[data-testid=mention]").Select(b => b.TextContent.Trim()));
        page.FindAll("[data-testid=mention]")[0].Click();

        Assert.Equal("Please check this @Ana Other ", page.Find("textarea[data-testid=new-comment]").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=mention-suggestions]"));
        page.Find("[data-panel=comments] button:not([data-testid=mention])").Click();
        page.WaitForAssertion(() => Assert.Contains("Please check this @Ana Other", page.Find("[data-testid=comment]").TextContent));
        await notifications.CatchUpAsync();
        Assert.Contains((await S.Get<Features.Notifications.NotificationService>().InboxAsync(S.OtherAnalyst)).Items,
            n => n.Kind == Features.Notifications.NotificationKind.Mentioned);
    }

    [Fact]
    public void Comments_AnEmailAddress_IsNotAMention()
    {
        var page = Open();

        page.Find("textarea[data-testid=new-comment]").Input("Wrote to sam@an");

        Assert.Empty(page.FindAll("[data-testid=mention]"));
    }
}
