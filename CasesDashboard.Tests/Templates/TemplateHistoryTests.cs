using CasesDashboard.Data;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Templates;

public abstract class TemplateHistoryTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private TemplateEditorService Editor => s.Services.GetRequiredService<TemplateEditorService>();
    private TemplateHistory History => s.Services.GetRequiredService<TemplateHistory>();

    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task PublishNewFieldAsync(string key)
    {
        var d = (await Editor.GetDraftAsync(TestTemplates.Key)).Definition;
        d.Fields.Add(new FieldDefinition { Key = key, Label = key, Type = FieldType.Text });
        await Editor.SaveDraftAsync(TestTemplates.Key, d, s.Admin);
        await Editor.PublishAsync(TestTemplates.Key, s.Admin);
    }

    [SkippableFact]
    public async Task Versions_AfterPublishAndMigrate_ListEachVersionWithWhoPublishedItAndItsCases()
    {
        await s.NewCaseAsync();
        await s.NewCaseAsync();
        await PublishNewFieldAsync("extra");
        await s.NewCaseAsync();

        var versions = await History.VersionsAsync(TestTemplates.Key);

        Assert.Equal([(2, "Ada Admin", 1), (1, "test", 2)], versions.Select(v => (v.Version, v.PublishedBy, v.Cases)));
    }

    [SkippableFact]
    public async Task Entries_SaveThenPublishThenMigrate_TellWhoDidWhatNewestFirst()
    {
        await s.NewCaseAsync();
        await PublishNewFieldAsync("extra");
        await s.Services.GetRequiredService<TemplateMigrator>().MigrateAsync(TestTemplates.Key, s.Lead);

        var entries = await History.EntriesAsync(TestTemplates.Key);

        Assert.Equal(
            [("Lee Lead", "Migrated cases to v2: 1 moved, 0 could not move"), ("Ada Admin", "Published v2 — changed fields"), ("Ada Admin", "Saved the draft of v2 — changed fields")],
            entries.Take(3).Select(e => (e.ActorName, e.What)));
    }
}

public sealed class TemplateHistoryTestsOnSqlite() : TemplateHistoryTests(StoreProvider.Sqlite);

public sealed class TemplateHistoryTestsOnPostgres() : TemplateHistoryTests(StoreProvider.Postgres);
