using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Templates;

public abstract class TemplateEditorServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private TemplateEditorService Editor => s.Services.GetRequiredService<TemplateEditorService>();
    private TemplateMigrator Migrator => s.Services.GetRequiredService<TemplateMigrator>();
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task Create_ThenPublish_MakesVersionOneThatCasesCanUse()
    {
        await Editor.CreateAsync("KYC", "KYC refresh", s.Admin);
        Assert.DoesNotContain(await s.Templates.ListAsync(), t => t.Key == "KYC");

        var published = await Editor.PublishAsync("KYC", s.Admin);
        var id = await s.Cases.CreateAsync(new Features.Cases.NewCase("KYC"), s.Lead);

        Assert.Equal((1, ImportOutcome.Created), (published.Version, published.Outcome));
        Assert.Equal("KYC-1", (await s.Query.GetAsync(id, s.Lead)).Name);
        Assert.False((await Editor.GetDraftAsync("KYC")).HasDraft);
    }

    [SkippableFact]
    public async Task Publish_DraftIdenticalToCurrentVersion_MakesNoVersionAndDropsTheDraft()
    {
        var current = await Editor.GetDraftAsync(TestTemplates.Key);
        await Editor.SaveDraftAsync(TestTemplates.Key, current.Definition, s.Admin);

        var published = await Editor.PublishAsync(TestTemplates.Key, s.Admin);

        Assert.Equal((current.CurrentVersion, ImportOutcome.Unchanged), (published.Version, published.Outcome));
        var after = await Editor.GetDraftAsync(TestTemplates.Key);
        Assert.Equal(current.CurrentVersion, after.CurrentVersion);
        Assert.False(after.HasDraft);
    }

    [SkippableFact]
    public async Task SaveDraft_AnotherAdminSavedSinceOpening_IsRefusedNamingThemAndTheirDraftStays()
    {
        var bea = Features.Security.Actor.User("bea", "Bea Admin", Features.Security.Roles.Admin);
        var mine = await Editor.GetDraftAsync(TestTemplates.Key);
        var theirs = await Editor.GetDraftAsync(TestTemplates.Key);
        theirs.Definition.Fields.Add(new FieldDefinition { Key = "theirs", Label = "Theirs", Type = FieldType.Text });
        await Editor.SaveDraftAsync(TestTemplates.Key, theirs.Definition, bea, expectedRevision: theirs.Revision);
        mine.Definition.Fields.Add(new FieldDefinition { Key = "mine", Label = "Mine", Type = FieldType.Text });

        var e = await Assert.ThrowsAsync<ConflictException>(() => Editor.SaveDraftAsync(TestTemplates.Key, mine.Definition, s.Admin, expectedRevision: mine.Revision));

        Assert.Contains("saved the draft of v2 — changed fields by Bea Admin at", e.Message);
        var draft = await Editor.GetDraftAsync(TestTemplates.Key);
        Assert.NotNull(draft.Definition.FindField("theirs"));
        Assert.Null(draft.Definition.FindField("mine"));
        await Editor.SaveDraftAsync(TestTemplates.Key, mine.Definition, s.Admin, expectedRevision: draft.Revision);
    }

    [SkippableFact]
    public async Task Publish_DraftThatWouldBreakCases_IsRefusedWithEachProblemAndNothingPublished()
    {
        var d = (await Editor.GetDraftAsync(TestTemplates.Key)).Definition;
        d.Statuses.RemoveAll(x => x.Key == "rejected");
        d.Fields.Add(new FieldDefinition { Key = "note", Label = "Duplicate", Type = FieldType.Text });
        d.Fields.Add(new FieldDefinition { Key = "kind", Label = "Kind", Type = FieldType.Select });
        d.Layout[1].Panels[2].VisibleWhen = new PanelRule { Kind = RuleKind.FieldEquals, Field = "ghost", Value = "x" };
        var saved = await Editor.SaveDraftAsync(TestTemplates.Key, d, s.Admin);

        var e = await Assert.ThrowsAsync<ValidationException>(() => Editor.PublishAsync(TestTemplates.Key, s.Admin));

        Assert.Equal(saved.Problems, e.Problems);
        Assert.Contains(e.Problems, p => p.Path == "actions[2].target_status");
        Assert.Contains(e.Problems, p => p.Path == "fields[10].key");
        Assert.Contains(e.Problems, p => p.Path == "fields[11].options");
        Assert.Contains(e.Problems, p => p.Path == "layout[1].panels[2].visible_when.field");
        Assert.Equal(1, (await s.Templates.GetByKeyAsync(TestTemplates.Key)).CurrentVersion);
    }

    [SkippableFact]
    public async Task SaveDraft_ByAnalystOrLead_IsRefused()
    {
        var d = (await Editor.GetDraftAsync(TestTemplates.Key)).Definition;
        await Assert.ThrowsAsync<ForbiddenException>(() => Editor.SaveDraftAsync(TestTemplates.Key, d, s.Lead));
    }

    [SkippableFact]
    public async Task SaveDraft_IsAuditedWithWhoAndWhichSections()
    {
        var d = (await Editor.GetDraftAsync(TestTemplates.Key)).Definition;
        d.Fields.Add(new FieldDefinition { Key = "source", Label = "Source", Type = FieldType.Text });

        await Editor.SaveDraftAsync(TestTemplates.Key, d, s.Admin);

        await using var db = await s.DbAsync();
        var e = await db.AuditEvents.SingleAsync(a => a.Type == "template.draft-saved");
        Assert.Equal(("template:TST", "Ada Admin", "draft of v2", "fields"), (e.Subject, e.ActorName, e.Field, e.Detail));
    }

    [SkippableFact]
    public async Task Copy_StartsFromTheSourceWithTheNewKeyAndName()
    {
        var copy = await Editor.CopyAsync(TestTemplates.Key, "TS2", "Second review", s.Admin);

        Assert.Equal(("TS2", "Second review", 10), (copy.Definition.Key, copy.Definition.Name, copy.Definition.Fields.Count));
        await Assert.ThrowsAsync<ValidationException>(() => Editor.CopyAsync(TestTemplates.Key, "TS2", "Again", s.Admin));
    }

    [SkippableFact]
    public async Task Archive_StopsNewCasesButKeepsOldOnes()
    {
        var old = await s.NewCaseAsync();

        await Editor.SetArchivedAsync(TestTemplates.Key, true, s.Admin);

        await Assert.ThrowsAsync<ValidationException>(() => s.NewCaseAsync());
        Assert.Equal("TST-1", (await s.Query.GetAsync(old, s.Lead)).Name);
    }

    [SkippableFact]
    public async Task ExportThenImport_RoundTripsInTheSeedFormat()
    {
        var json = await Editor.ExportAsync(TestTemplates.Key);
        var copy = json.Replace("\"key\": \"TST\"", "\"key\": \"TSX\"");

        var result = await Editor.ImportJsonAsync(copy, s.Admin);

        Assert.Equal(("TSX", ImportOutcome.Created), (result.Key, result.Outcome));
        Assert.Contains("\"required_to_resolve\": true", json);
    }

    [SkippableFact]
    public async Task ImportJson_Invalid_IsRefusedWithEveryProblemByPath()
    {
        var parse = await Assert.ThrowsAsync<ValidationException>(() => Editor.ImportJsonAsync("{\"key\": ", s.Admin));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Editor.ImportJsonAsync(
            """{"key":"BAD","name":"Bad","statuses":[],"fields":[{"key":"a","label":"A","type":"select"}],"layout":[],"actions":[]}""", s.Admin));

        Assert.StartsWith("Invalid JSON", parse.Problems.Single().Message);
        Assert.Equal(["fields[0].key", "fields[0].options", "layout", "statuses", "statuses"], invalid.Problems.Select(p => p.Path).Order());
    }

    [SkippableFact]
    public async Task Migrate_MovesOpenCasesAndReportsThoseThatCannotMove()
    {
        var open = await s.NewCaseAsync(s.Analyst);
        var resolved = await s.NewCaseAsync(s.Analyst);
        await s.Cases.ApplyActionAsync(resolved, "approve", null, 2, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)));
        var working = await s.NewCaseAsync(s.Analyst);
        await s.Cases.ApplyActionAsync(working, "start", null, 2, s.Analyst);
        var d = (await Editor.GetDraftAsync(TestTemplates.Key)).Definition;
        d.Fields.Add(new FieldDefinition { Key = "reason", Label = "Reason", Type = FieldType.Text, RequiredToResolve = true });
        d.Statuses.RemoveAll(x => x.Key == "working");
        d.Actions.RemoveAll(a => a.TargetStatus == "working");
        await Editor.SaveDraftAsync(TestTemplates.Key, d, s.Admin);
        await Editor.PublishAsync(TestTemplates.Key, s.Admin);

        var report = await Migrator.MigrateAsync(TestTemplates.Key, s.Lead);

        Assert.Equal((2, 1), (report.ToVersion, report.Moved));
        Assert.Equal(2, (await s.Query.GetAsync(open, s.Lead)).TemplateVersion);
        Assert.Contains(report.Refused, r => r.CaseId == resolved && r.Reason.Contains("without Reason"));
        Assert.Contains(report.Refused, r => r.CaseId == working && r.Reason.Contains("no longer exists"));
        Assert.Equal(1, (await s.Query.GetAsync(working, s.Lead)).TemplateVersion);
        Assert.Contains((await s.Query.GetAsync(open, s.Lead)).Timeline, e => e.Field == "template_version" && e.NewValue == "2");
    }

    [SkippableFact]
    public async Task Migrate_CaseWithAValueTheNewVersionNoLongerAccepts_StaysAndSaysWhichValue()
    {
        var fits = await s.Cases.CreateAsync(new Features.Cases.NewCase(TestTemplates.Key) { Fields = Fields(("verdict", "clean")) }, s.Lead);
        var misfit = await s.Cases.CreateAsync(new Features.Cases.NewCase(TestTemplates.Key) { Fields = Fields(("verdict", "fraud")) }, s.Lead);
        var d = (await Editor.GetDraftAsync(TestTemplates.Key)).Definition;
        d.FindField("verdict")!.Options = ["clean", "fraud_confirmed"];
        await Editor.SaveDraftAsync(TestTemplates.Key, d, s.Admin);
        await Editor.PublishAsync(TestTemplates.Key, s.Admin);

        var report = await Migrator.MigrateAsync(TestTemplates.Key, s.Lead);

        Assert.Equal(1, report.Moved);
        Assert.Equal(2, (await s.Query.GetAsync(fits, s.Lead)).TemplateVersion);
        var refusal = Assert.Single(report.Refused);
        Assert.Equal((misfit, "Its Verdict value \"fraud\" no longer fits: it must be one of: clean, fraud_confirmed."), (refusal.CaseId, refusal.Reason));
        Assert.Equal(1, (await s.Query.GetAsync(misfit, s.Lead)).TemplateVersion);
    }

    [SkippableFact]
    public async Task Migrate_ByAnalyst_IsRefused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Migrator.MigrateAsync(TestTemplates.Key, s.Analyst));
    }

    [SkippableFact]
    public async Task Create_KeyTypedInLowerCaseWithSpaces_IsNormalised()
    {
        var draft = await Editor.CreateAsync(" kyc ", " Know your customer ", s.Admin);

        Assert.Equal(("KYC", "Know your customer"), (draft.Key, draft.Definition.Name));
    }

    [SkippableFact]
    public async Task ImportJson_OverTheSizeLimit_IsRefusedNamingItsSize()
    {
        var big = "{\"key\": \"" + new string('A', TemplateEditorService.MaxImportBytes) + "\"}";

        var e = await Assert.ThrowsAsync<ValidationException>(() => Editor.ImportJsonAsync(big, s.Admin));

        Assert.Equal("file", e.Problems.Single().Path);
        Assert.Contains("a template import is at most 1,048,576", e.Message);
    }

    [SkippableFact]
    public async Task SaveDraft_ByLead_IsRefusedWithTheReason()
    {
        var d = (await Editor.GetDraftAsync(TestTemplates.Key)).Definition;

        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Editor.SaveDraftAsync(TestTemplates.Key, d, s.Lead));

        Assert.Equal("Only admins can change templates; leads can read them and migrate cases.", e.Message);
    }
}

public sealed class TemplateEditorServiceTestsOnSqlite() : TemplateEditorServiceTests(StoreProvider.Sqlite);

public sealed class TemplateEditorServiceTestsOnPostgres() : TemplateEditorServiceTests(StoreProvider.Postgres);
