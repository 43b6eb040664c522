using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using static CasesDashboard.Tests.TestInfrastructure.TestQueues;

namespace CasesDashboard.Tests.Queues;

/// <summary>Admins manage queues: every problem by its path, a stale save refused with who and when, archive and order.</summary>
public abstract class QueueServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private QueueService Queues => s.Get<QueueService>();
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private static QueueDefinition Definition(string? conditions = null) => new() { Key = "review", Name = "Review", Conditions = conditions };

    [SkippableFact]
    public async Task Create_Valid_HasAPersonaShapedIdAndIsAudited()
    {
        var queue = await Queues.CreateAsync(Definition(Where("priority", "eq", "high")), s.Admin);

        Assert.Matches("^cq_[1-9A-HJ-NP-Za-km-z]{24}$", queue.PublicId);
        await using var db = await s.DbAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Subject == $"queue:{queue.PublicId}" && e.Type == "queue.created"));
    }

    [SkippableFact]
    public async Task Create_Lead_IsRefused()
    {
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => Queues.CreateAsync(Definition(), s.Lead));
        Assert.Equal("Only admins can change queues.", e.Message);
    }

    [SkippableFact]
    public async Task Create_ConditionsNamingUnknownThings_RefusedWithEveryProblemByPath()
    {
        var conditions = All(Where("template", "eq", "NOPE"), Where("status", "in", new[] { "open", "limbo" }), Where("fields.gone", "eq", "x"),
            Where("created_at", "gt", "2026-01-01T00:00:00Z"), Where("priority", "eq", "extreme"));

        var e = await Assert.ThrowsAsync<ValidationException>(() => Queues.CreateAsync(Definition(conditions), s.Admin));

        Assert.Equal(
        [
            "conditions.and[0].value: There is no case template 'NOPE'.",
            "conditions.and[1].value: 'limbo' is not a status of any case template.",
            "conditions.and[2].attribute: 'gone' is not a field of any case template.",
            "conditions.and[3].attribute: 'created_at' cannot route cases: routing runs when a case is created and when its status, template, priority, tags, fields or linked objects change.",
            "conditions.and[4].value: priority is one of low, normal, high, urgent.",
        ], e.Problems.Select(p => p.ToString()));
    }

    [SkippableFact]
    public async Task Create_BadSettings_RefusedWithEveryProblemByPath()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Queues.CreateAsync(new QueueDefinition
        {
            Key = "Bad Key", Name = " ", MaxOpenPerAnalyst = 0, MemberIds = [s.Analyst.Id, s.Viewer.Id, "nobody", s.Analyst.Id],
            Conditions = "{\"and\": 3}",
        }, s.Admin));

        Assert.Equal(["key", "name", "max_open_per_analyst", "members[1]", "members[2]", "members[3]", "conditions.and"], e.Problems.Select(p => p.Path));
    }

    [SkippableFact]
    public async Task Save_ConditionNamingAFieldTheTemplateNoLongerHas_IsRefusedWithTheReason()
    {
        var queue = await Queues.CreateAsync(Definition(Where("fields.note", "eq", "x")), s.Admin);
        var template = TestTemplates.Review();
        template.Fields.RemoveAll(f => f.Key == "note");
        foreach (var panel in template.Layout.SelectMany(t => t.Panels)) panel.Fields.Remove("note");
        await s.Templates.ImportAsync(template, Actor.System("test"));

        var edit = await Queues.GetAsync(queue.PublicId);
        var e = await Assert.ThrowsAsync<ValidationException>(() => Queues.SaveAsync(queue.PublicId, edit.Definition, queue.Revision, s.Admin));

        Assert.Equal("conditions.attribute: 'note' is not a field of any case template.", Assert.Single(edit.Problems).ToString());
        Assert.Equal(edit.Problems, e.Problems);
    }

    [SkippableFact]
    public async Task Save_ConditionNamingAnArchivedTemplate_IsRefused()
    {
        var other = TestTemplates.Review();
        (other.Key, other.Name) = ("OLD", "Old review");
        await s.Templates.ImportAsync(other, Actor.System("test"));
        await s.Get<TemplateEditorService>().SetArchivedAsync("OLD", true, s.Admin);

        var e = await Assert.ThrowsAsync<ValidationException>(() => Queues.CreateAsync(Definition(Where("template", "eq", "OLD")), s.Admin));

        Assert.Equal("conditions.value: Template OLD is archived; its cases are no longer created.", Assert.Single(e.Problems).ToString());
    }

    [SkippableFact]
    public async Task Save_SecondAdminFromAStalePage_IsRefusedWithWhoAndWhen()
    {
        var opened = await Queues.CreateAsync(Definition(), s.Admin);
        var first = QueueDefinition.Of(opened);
        first.Description = "Mine";
        s.Clock.Advance(TimeSpan.FromMinutes(3));
        await Queues.SaveAsync(opened.PublicId, first, opened.Revision, s.Lead with { Roles = new HashSet<string> { Roles.Admin }, Name = "Lee Lead" });
        var second = QueueDefinition.Of(opened);
        second.Description = "Theirs";

        var e = await Assert.ThrowsAsync<ConflictException>(() => Queues.SaveAsync(opened.PublicId, second, opened.Revision, s.Admin));

        Assert.Equal("Review was changed by Lee Lead at 2026-11-24 09:03:00 UTC since you opened it; nothing was saved. Reload to see their change.", e.Message);
        Assert.Equal("Mine", (await Queues.GetAsync(opened.PublicId)).Queue.Description);
    }

    [SkippableFact]
    public async Task Save_Changes_AreAuditedBySection()
    {
        var queue = await Queues.CreateAsync(Definition(), s.Admin);
        var edit = QueueDefinition.Of(queue);
        (edit.Policy, edit.MaxOpenPerAnalyst, edit.MemberIds) = (AssignmentPolicy.RoundRobin, 3, [s.Analyst.Id]);

        await Queues.SaveAsync(queue.PublicId, edit, queue.Revision, s.Admin);

        await using var db = await s.DbAsync();
        var e = await db.AuditEvents.SingleAsync(e => e.Type == "queue.updated");
        Assert.Equal("changed assignment policy and members", e.Detail);
    }

    [SkippableFact]
    public async Task Archive_QueueWithOpenCases_IsRefusedWithTheCount()
    {
        var queue = await Queues.CreateAsync(Definition(Where("template", "eq", TestTemplates.Key)), s.Admin);
        await s.NewCaseAsync();

        var e = await Assert.ThrowsAsync<ValidationException>(() => Queues.ArchiveAsync(queue.PublicId, true, s.Admin));
        Assert.Equal("Review still holds 1 open cases; move or resolve them before archiving it.", e.Problems[0].Message);
    }

    [SkippableFact]
    public async Task Archive_EmptyQueue_RoutesNothingThere()
    {
        var queue = await Queues.CreateAsync(Definition(Where("template", "eq", TestTemplates.Key)), s.Admin);

        await Queues.ArchiveAsync(queue.PublicId, true, s.Admin);

        Assert.Null(await s.QueueOfAsync(await s.NewCaseAsync()));
    }

    [SkippableFact]
    public async Task Move_Up_ChangesWhichQueueRoutesFirst()
    {
        await Queues.CreateAsync(Definition(Where("template", "eq", TestTemplates.Key)), s.Admin);
        var second = await Queues.CreateAsync(new QueueDefinition { Key = "second", Name = "Second", Conditions = Where("template", "eq", TestTemplates.Key) }, s.Admin);

        await Queues.MoveAsync(second.PublicId, -1, s.Admin);

        Assert.Equal(["Second", "Review"], (await Queues.ListAsync()).Select(q => q.Name));
        Assert.Equal(second.PublicId, await s.QueueOfAsync(await s.NewCaseAsync()));
    }

    [SkippableFact]
    public async Task Import_ExistingKey_LeavesTheQueueAsItIs()
    {
        await Queues.CreateAsync(Definition(), s.Admin);

        var outcome = await Queues.ImportAsync(new QueueImportDocument { Key = "review", Name = "Other name" }, Actor.System("seed"));

        Assert.Equal(ImportOutcome.Unchanged, outcome);
        Assert.Equal("Review", Assert.Single(await Queues.ListAsync()).Name);
    }

    [SkippableFact]
    public async Task Import_MembersByEmail_LeavesUnknownEmailsOut()
    {
        await Queues.ImportAsync(new QueueImportDocument { Key = "review", Name = "Review", Members = ["analyst@test.local", "gone@test.local"] }, Actor.System("seed"));

        Assert.Equal([s.Analyst.Id], Assert.Single(await Queues.ListAsync()).MemberIds);
    }
}

public sealed class QueueServiceTestsOnSqlite() : QueueServiceTests(StoreProvider.Sqlite);

public sealed class QueueServiceTestsOnPostgres() : QueueServiceTests(StoreProvider.Postgres);
