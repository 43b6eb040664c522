using System.Text;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Cases.Export;
using CasesDashboard.Features.Views;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases.Export;

/// <summary>CSV export of a view: its filter and columns, streamed in batches, formulas neutralised.</summary>
public abstract class CaseExportTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private CaseExport Export => s.Services.GetRequiredService<CaseExport>();

    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task<string[]> ExportAsync(CaseFilter filter, string columns, string? token = null)
    {
        var available = GridColumns.Available(await s.Templates.ListAsync());
        using var output = new MemoryStream();
        await Export.WriteAsync(output, filter, GridColumns.Parse(columns, available), s.Lead, token);
        return Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [SkippableFact]
    public async Task Write_FilterAndColumns_WritesAHeaderAndOneRowPerMatchingCase()
    {
        var mine = await s.NewCaseAsync(s.Analyst);
        await s.NewCaseAsync();
        await s.Cases.UpdateFieldsAsync(mine, Fields(("verdict", "fraud")), null, s.Analyst);

        var lines = await ExportAsync(new CaseFilter { Assignee = s.Analyst.Id }, "status,assignee,fields.verdict");

        Assert.Equal(["Case,Case id,Status,Assignee,Verdict", $"TST-1,{mine},Open,Sam Analyst,fraud"], lines);
    }

    [SkippableFact]
    public async Task Write_TextAFormulaCouldStartWith_GetsALeadingQuote()
    {
        var id = await s.NewCaseAsync(s.Analyst);
        await s.Cases.UpdateFieldsAsync(id, Fields(("note", "=HYPERLINK(\"http://evil\")")), null, s.Analyst);

        var lines = await ExportAsync(new CaseFilter(), "fields.note");

        Assert.StartsWith($"TST-1,{id},\"'=HYPERLINK(", lines[1]);
    }

    [SkippableFact]
    public async Task Write_WithAProgressToken_ReportsTheRowsWrittenWhenFinished()
    {
        for (var i = 0; i < 3; i++) await s.NewCaseAsync();
        var token = Guid.NewGuid().ToString("N");

        await ExportAsync(new CaseFilter(), "status", token);

        Assert.Equal(new ExportStatus(3, 3, true), s.Services.GetRequiredService<ExportProgress>().Get(token, s.Lead.Id));
    }

    [SkippableFact]
    public async Task Progress_AnotherUsersToken_IsNotShown()
    {
        await s.NewCaseAsync();
        var token = Guid.NewGuid().ToString("N");

        await ExportAsync(new CaseFilter(), "status", token);

        Assert.Null(s.Services.GetRequiredService<ExportProgress>().Get(token, s.Analyst.Id));
    }
}

public sealed class CaseExportTestsOnSqlite() : CaseExportTests(StoreProvider.Sqlite);

public sealed class CaseExportTestsOnPostgres() : CaseExportTests(StoreProvider.Postgres);
