using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Templates;

public abstract class TemplateServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task Import_SameDefinitionAgain_IsUnchanged()
    {
        var result = await s.Templates.ImportAsync(TestTemplates.Review(), Actor.System());
        Assert.Equal((ImportOutcome.Unchanged, 1), (result.Outcome, result.Version));
    }

    [SkippableFact]
    public async Task Import_ChangedDefinition_PublishesNewVersionAndOldCasesKeepTheirs()
    {
        var old = await s.NewCaseAsync();
        var changed = TestTemplates.Review();
        changed.Statuses[0].Label = "Queued";

        var result = await s.Templates.ImportAsync(changed, Actor.System());
        var fresh = await s.NewCaseAsync();

        Assert.Equal((ImportOutcome.NewVersion, 2), (result.Outcome, result.Version));
        Assert.Equal(("Open", 1), ((await s.Query.GetAsync(old, s.Lead)).Status.Label, (await s.Query.GetAsync(old, s.Lead)).TemplateVersion));
        Assert.Equal(("Queued", 2), ((await s.Query.GetAsync(fresh, s.Lead)).Status.Label, (await s.Query.GetAsync(fresh, s.Lead)).TemplateVersion));
    }

    [SkippableFact]
    public async Task Import_InvalidDefinition_IsRefusedWithEveryProblem()
    {
        var bad = TestTemplates.Review();
        bad.Key = "NEW";
        bad.Statuses.Clear();
        bad.Actions[0].TargetStatus = "nowhere";

        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Templates.ImportAsync(bad, Actor.System()));

        Assert.True(e.Problems.Count >= 3);
        Assert.DoesNotContain(await s.Templates.ListAsync(), t => t.Key == "NEW");
    }
}

public sealed class TemplateServiceTestsOnSqlite() : TemplateServiceTests(StoreProvider.Sqlite);

public sealed class TemplateServiceTestsOnPostgres() : TemplateServiceTests(StoreProvider.Postgres);
