using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Tests.Cases.Search;

/// <summary>
/// After every migration, the triggers that keep the search index in step are in place. A later migration that rebuilds one of
/// their tables (SQLite does that for some column changes) drops its triggers silently; this test says which.
/// </summary>
public sealed class SearchIndexSchemaTests
{
    [Fact]
    public async Task Migrate_AllMigrations_LeaveEverySearchTriggerInPlace()
    {
        await using var s = await TestStore.CreateAsync(withTemplate: false);
        await using var db = await s.DbAsync();

        var triggers = await db.Database.SqlQuery<string>($"""SELECT name AS "Value" FROM sqlite_master WHERE type = 'trigger' ORDER BY name""").ToListAsync();

        Assert.Equal([
            "CaseSearch_CaseDeleted", "CaseSearch_CaseInserted", "CaseSearch_CaseRenamed", "CaseSearch_ObjectChanged",
            "CaseSearch_ObjectLinked", "CaseSearch_ObjectUnlinked", "UserSearch_UserDeleted", "UserSearch_UserInserted", "UserSearch_UserRenamed",
        ], triggers);
    }
}
