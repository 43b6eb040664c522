using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Templates;

/// <summary>Interleavings forced in the test: a publish meeting another admin's save, a cache load meeting a publish, a retried write.</summary>
public abstract class TemplateRacesTests(StoreProvider provider)
{
    private static TemplateEditorService EditorOf(TestStore s) => s.Services.GetRequiredService<TemplateEditorService>();

    [SkippableFact]
    public async Task Publish_AfterAnotherAdminSavedADraft_IsRefusedAndTheirDraftSurvives()
    {
        await using var s = await TestStore.OnAsync(provider);
        var editor = EditorOf(s);
        var mine = await editor.GetDraftAsync(TestTemplates.Key);
        var theirs = (await editor.GetDraftAsync(TestTemplates.Key)).Definition;
        theirs.Description = "Bea's rewrite";
        await editor.SaveDraftAsync(TestTemplates.Key, theirs, Features.Security.Actor.User("bea", "Bea Admin", "Admin"));

        mine.Definition.Name = "My rename";
        var e = await Assert.ThrowsAsync<ConflictException>(() =>
            editor.PublishAsync(TestTemplates.Key, s.Admin, edits: mine.Definition, expectedRevision: mine.Revision));

        Assert.Contains("by Bea Admin", e.Message);
        var after = await editor.GetDraftAsync(TestTemplates.Key);
        Assert.Equal((true, "Bea's rewrite", 1), (after.HasDraft, after.Definition.Description, after.CurrentVersion));
    }

    [SkippableFact]
    public async Task Publish_WithTheEditorsEdits_PublishesThemInOneStepWithoutASaveEntry()
    {
        await using var s = await TestStore.OnAsync(provider);
        var editor = EditorOf(s);
        var draft = await editor.GetDraftAsync(TestTemplates.Key);
        draft.Definition.Description = "New words";

        var result = await editor.PublishAsync(TestTemplates.Key, s.Admin, edits: draft.Definition, expectedRevision: draft.Revision);

        Assert.Equal((2, ImportOutcome.NewVersion), (result.Version, result.Outcome));
        var history = await s.Services.GetRequiredService<TemplateHistory>().EntriesAsync(TestTemplates.Key);
        Assert.Equal("Published v2 — changed general", history[0].What);
        Assert.DoesNotContain(history, h => h.Type == "template.draft-saved");
        Assert.False((await editor.GetDraftAsync(TestTemplates.Key)).HasDraft);
    }

    [SkippableFact]
    public async Task ListAsync_LoadOverlappingAPublish_IsNotServedStaleAfterwards()
    {
        await using var s = await TestStore.OnAsync(provider);
        var gate = new GatedFactory(s.Services.GetRequiredService<IDbContextFactory<CasesDbContext>>(), blockCall: 2);
        var cached = new TemplateService(new CasesStore(gate), s.Clock);

        var loading = cached.ListAsync();              // reads the list (v1), then waits before reading v1's definition
        await gate.Reached.Task;
        var d = (await EditorOf(s).GetDraftAsync(TestTemplates.Key)).Definition;
        d.Name = "Renamed";
        await EditorOf(s).PublishAsync(TestTemplates.Key, s.Admin, edits: d);
        cached.Invalidate();                           // what a publish does to every cache
        gate.Open.SetResult();
        await loading;

        Assert.Equal(("Renamed", 2), ((await cached.ListAsync()).Single().Name, (await cached.ListAsync()).Single().CurrentVersion));
    }

    [SkippableFact]
    public async Task Migrate_BatchRetriedAfterBusy_ListsEachRefusalOnce()
    {
        var faults = new TestFaults();
        await using var s = await TestStore.OnAsync(provider, interceptors: faults);
        var resolved = await s.NewCaseAsync(s.Analyst);
        await s.Cases.ApplyActionAsync(resolved, "approve", null, 2, s.Analyst, Fields(("verdict", "clean"), ("confirmed", true), ("count", 1)));
        var d = (await EditorOf(s).GetDraftAsync(TestTemplates.Key)).Definition;
        d.Fields.Add(new FieldDefinition { Key = "reason", Label = "Reason", Type = FieldType.Text, RequiredToResolve = true });
        await EditorOf(s).PublishAsync(TestTemplates.Key, s.Admin, edits: d);

        faults.BusyOnCommit.Add(1);
        faults.Armed = true;
        var report = await s.Services.GetRequiredService<TemplateMigrator>().MigrateAsync(TestTemplates.Key, s.Lead);

        Assert.True(faults.Commits > 2, "the first batch was retried");
        Assert.Equal(resolved, Assert.Single(report.Refused).CaseId);
    }

    [SkippableFact]
    public async Task SaveDraft_TwoAdminsAtTheSameMomentFromOneRevision_OneIsRefused()
    {
        await using var s = await TestStore.OnAsync(provider);
        var editor = EditorOf(s);
        var opened = await editor.GetDraftAsync(TestTemplates.Key);
        var bea = Features.Security.Actor.User("bea", "Bea Admin", "Admin");
        Task<TemplateDraft> Save(string description, Features.Security.Actor who)
        {
            var d = Features.Common.Json.Deserialize<TemplateDefinition>(Features.Common.Json.Serialize(opened.Definition));
            d.Description = description;
            return editor.SaveDraftAsync(TestTemplates.Key, d, who, expectedRevision: opened.Revision);
        }

        var outcomes = await Task.WhenAll(Save("mine", s.Admin).ContinueWith(t => t.Exception?.InnerException),
            Save("theirs", bea).ContinueWith(t => t.Exception?.InnerException));

        Assert.Single(outcomes, e => e is null);
        Assert.Single(outcomes, e => e is ConflictException);
    }

    /// <summary>Hands out real contexts, but the <c>blockCall</c>-th creation waits until the test opens the gate.</summary>
    private sealed class GatedFactory(IDbContextFactory<CasesDbContext> inner, int blockCall) : IDbContextFactory<CasesDbContext>
    {
        private int calls;
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CasesDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<CasesDbContext> CreateDbContextAsync(CancellationToken ct = default)
        {
            if (Interlocked.Increment(ref calls) == blockCall)
            {
                Reached.SetResult();
                await Open.Task;
            }
            return await inner.CreateDbContextAsync(ct);
        }
    }
}

public sealed class TemplateRacesTestsOnSqlite() : TemplateRacesTests(StoreProvider.Sqlite);

public sealed class TemplateRacesTestsOnPostgres() : TemplateRacesTests(StoreProvider.Postgres);
