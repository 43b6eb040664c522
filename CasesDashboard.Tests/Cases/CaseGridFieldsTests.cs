using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

/// <summary>Template fields in the grid: as columns, and as filters compared by the field's type.</summary>
public abstract class CaseGridFieldsTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private string fraud = "", clean = "";

    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider);
        fraud = await s.NewCaseAsync(s.Analyst);
        clean = await s.NewCaseAsync(s.Analyst);
        await s.NewCaseAsync();
        await s.Cases.UpdateFieldsAsync(fraud, Fields(("verdict", "fraud"), ("count", 3), ("flags", new[] { "a", "c" }), ("confirmed", true)), null, s.Analyst);
        await s.Cases.UpdateFieldsAsync(clean, Fields(("verdict", "clean"), ("count", 12)), null, s.Analyst);
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task<IEnumerable<string>> NamesAsync(params FieldFilter[] fields) =>
        (await s.Query.GridAsync(new CaseFilter { Fields = [.. fields] }, s.Lead)).Results.Rows.Select(r => r.Id);

    [SkippableFact]
    public async Task Grid_SelectFieldFilter_ReturnsTheCasesWithThatOption()
    {
        Assert.Equal([fraud], await NamesAsync(new FieldFilter("verdict", "fraud")));
    }

    [SkippableFact]
    public async Task Grid_NumberFieldFilter_ComparesAsANumber()
    {
        Assert.Equal([clean], await NamesAsync(new FieldFilter("count", "12.0")));
    }

    [SkippableFact]
    public async Task Grid_MultiSelectFieldFilter_MatchesOneChosenOption()
    {
        Assert.Equal([fraud], await NamesAsync(new FieldFilter("flags", "c")));
    }

    [SkippableFact]
    public async Task Grid_CheckboxFieldFilter_TakesYes()
    {
        Assert.Equal([fraud], await NamesAsync(new FieldFilter("confirmed", "yes")));
    }

    [SkippableFact]
    public async Task Grid_FieldFilterWithAValueTheFieldCannotHave_IsLeftOutWithANotice()
    {
        var grid = await s.Query.GridAsync(new CaseFilter { Fields = [new FieldFilter("verdict", "maybe")] }, s.Lead);

        Assert.Equal(3, grid.Results.Total);
        Assert.Equal(["Verdict ‘maybe’ — not one of clean, fraud; left out"], grid.Notices);
    }

    [SkippableFact]
    public async Task Grid_UnknownFieldFilter_IsLeftOutWithANotice()
    {
        var grid = await s.Query.GridAsync(new CaseFilter { Fields = [new FieldFilter("nope", "x")] }, s.Lead);

        Assert.Equal(["Unknown field ‘nope’ — left out"], grid.Notices);
    }

    [SkippableFact]
    public async Task Grid_FieldColumns_CarryEachValueAsText()
    {
        var grid = await s.Query.GridAsync(new CaseFilter { Fields = [new FieldFilter("verdict", "fraud")] }, s.Lead, fieldColumns: ["flags", "confirmed", "count"]);

        var row = grid.Results.Rows.Single();
        Assert.Equal(("a, c", "Yes", "3"), (row.FieldText("flags"), row.FieldText("confirmed"), row.FieldText("count")));
    }
}

public sealed class CaseGridFieldsTestsOnSqlite() : CaseGridFieldsTests(StoreProvider.Sqlite);

public sealed class CaseGridFieldsTestsOnPostgres() : CaseGridFieldsTests(StoreProvider.Postgres);
