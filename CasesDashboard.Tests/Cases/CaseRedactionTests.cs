using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

public abstract class CaseRedactionTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private string id = "";
    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider);
        id = await s.NewCaseAsync(s.Analyst);
        await s.Cases.UpdateFieldsAsync(id, Fields(("note", "Passport AB123456"), ("verdict", "fraud")), null, s.Analyst);
        await s.Cases.AddCommentAsync(id, "Lives at 1 Main St", s.Analyst);
        await s.Cases.AttachExternalDataAsync(id, "kyc", """{"ssn": "123-45-6789"}""", "bureau", s.Analyst);
    }
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task Redact_ErasesFieldsDocumentsAndCommentBodiesInTheirTables()
    {
        await s.Cases.RedactAsync(id, s.Lead);

        await using var db = await s.DbAsync();
        var c = await db.Cases.Include(x => x.Comments).Include(x => x.ExternalData).SingleAsync(x => x.PublicId == id);
        Assert.Equal("{}", c.FieldsJson);
        Assert.Equal(Redaction.Marker, c.Comments.Single().Body);
        Assert.Equal("{}", c.ExternalData.Single().Json);
        Assert.NotNull(c.RedactedAt);
    }

    [SkippableFact]
    public async Task Redact_TimelineReadsEarlierValuesAsRedactedAndRecordsTheRedaction()
    {
        await s.Cases.RedactAsync(id, s.Lead);

        var view = await s.Query.GetAsync(id, s.Lead);
        var text = string.Join("\n", view.Timeline.Select(e => $"{e.OldValue} {e.NewValue} {e.Detail}"));
        Assert.DoesNotContain("AB123456", text);
        Assert.DoesNotContain("Main St", text);
        Assert.Equal(CaseEventTypes.Redacted, view.Timeline[^1].Type);
        Assert.False(view.Can.Work.Ok);
    }

    [SkippableFact]
    public async Task Redact_AuditRowsAreNotModified()
    {
        await using var before = await s.DbAsync();
        var rows = await before.AuditEvents.AsNoTracking().Where(e => e.Field == "fields.note").Select(e => e.NewValue).ToListAsync();

        await s.Cases.RedactAsync(id, s.Lead);

        await using var after = await s.DbAsync();
        Assert.Equal(rows, await after.AuditEvents.AsNoTracking().Where(e => e.Field == "fields.note").Select(e => e.NewValue).ToListAsync());
    }

    [SkippableFact]
    public async Task Redact_ByAnAnalyst_IsRefused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.RedactAsync(id, s.Analyst));
    }

    [SkippableFact]
    public async Task Change_AfterRedaction_IsRefused()
    {
        await s.Cases.RedactAsync(id, s.Lead);

        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.AddCommentAsync(id, "more", s.Lead));

        Assert.Contains("redacted", e.Message);
    }

    [SkippableFact]
    public async Task Redact_Twice_ChangesNothingTheSecondTime()
    {
        await s.Cases.RedactAsync(id, s.Lead);

        var second = await s.Cases.RedactAsync(id, s.Lead);

        Assert.Empty(second.Changes);
    }
}

public sealed class CaseRedactionTestsOnSqlite() : CaseRedactionTests(StoreProvider.Sqlite);

public sealed class CaseRedactionTestsOnPostgres() : CaseRedactionTests(StoreProvider.Postgres);
