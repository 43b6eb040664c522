using CasesDashboard.Data;
using System.Text.Json.Nodes;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Tests.Objects;

public abstract class ObjectServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task Create_Transaction_KeepsTheDecimalAmountAndAuditsWithTheObjectAsSubject()
    {
        var o = (Transaction)await s.Objects.CreateAsync(ObjectKind.Transaction, new JsonObject { ["amount"] = 1234.56m, ["currency"] = "EUR" }, s.Analyst);

        Assert.StartsWith("txn_", o.Id);
        Assert.Equal(1234.56m, o.Amount);
        await using var db = await s.DbAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Subject == $"object:{o.Id}" && e.Type == "transaction.created"));
    }

    [SkippableFact]
    public async Task Upsert_ExistingReferenceId_UpdatesThatObjectAndAuditsTheChange()
    {
        var first = await s.Objects.CreateAsync(ObjectKind.Account, new JsonObject { ["reference_id"] = "u-1", ["name"] = "Old" }, s.Analyst);

        var (updated, created) = await s.Objects.UpsertAsync(ObjectKind.Account, new JsonObject { ["reference_id"] = "u-1", ["name"] = "New" }, s.Analyst);

        Assert.False(created);
        Assert.Equal((first.Id, "New"), (updated.Id, ((Account)updated).Name));
        await using var db = await s.DbAsync();
        var e = await db.AuditEvents.SingleAsync(x => x.Subject == $"object:{first.Id}" && x.Type == ObjectEventTypes.Updated(ObjectKind.Account));
        Assert.Contains("name", e.Detail);
    }

    [SkippableFact]
    public async Task Update_NullRemovesAnAttribute()
    {
        var o = await s.Objects.CreateAsync(ObjectKind.Account, new JsonObject { ["name"] = "A", ["phone"] = "+1 555" }, s.Analyst);

        var updated = (Account)await s.Objects.UpdateAsync(o.Id, new JsonObject { ["phone"] = null }, s.Analyst);

        Assert.Null(updated.Phone);
        Assert.Equal("A", updated.Name);
    }

    [SkippableFact]
    public async Task Create_ReportOfUnknownType_IsRefusedOnTheAttribute()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Objects.CreateAsync(ObjectKind.Report, new JsonObject { ["report_type"] = "horoscope" }, s.Analyst));

        Assert.Equal("attributes.report_type", e.Problems.Single().Path);
    }

    [SkippableFact]
    public async Task Create_ByAViewer_IsRefused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Objects.CreateAsync(ObjectKind.Account, new JsonObject(), s.Viewer));
    }

    [SkippableFact]
    public async Task Upsert_TwoAtOnceWithANewReference_MakeOneObject()
    {
        var attempts = Enumerable.Range(0, 8).Select(i => s.Objects.UpsertAsync(ObjectKind.Account,
            new JsonObject { ["reference_id"] = "race-1", ["name"] = $"Writer {i}" }, s.Analyst));

        var results = await Task.WhenAll(attempts);

        Assert.Single(results.Select(r => r.Object.Id).Distinct());
        Assert.Single(results, r => r.Created);
        await using var db = await s.DbAsync();
        Assert.Equal(1, await db.Objects.CountAsync(o => o.ReferenceId == "race-1"));
    }
}

public sealed class ObjectServiceTestsOnSqlite() : ObjectServiceTests(StoreProvider.Sqlite);

public sealed class ObjectServiceTestsOnPostgres() : ObjectServiceTests(StoreProvider.Postgres);
