using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Cases.Search;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Cases.Search;

/// <summary>Free-text search over real SQLite: parts of emails, names and reference ids anywhere, kept in step with every write.</summary>
public abstract class CaseSearchTests(StoreProvider provider) : IAsyncLifetime
{
    private const string Viktor = "act_s0000000000000000000001";
    private const string Lena = "act_s0000000000000000000002";
    private const string Inquiry = "inq_s0000000000000000000003";
    private TestStore s = default!;
    private string viktorCase = "", lenaCase = "", otherCase = "";

    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider);
        await s.Objects.ImportAsync(new ObjectBundle
        {
            Accounts =
            [
                Json(new { id = Viktor, reference_id = "drv_884120", name = "Viktor Petrov", email = "viktor.petrov@gmail.com", status = "active" }),
                Json(new { id = Lena, reference_id = "drv_4242", name = "Lena Fischer", email = "lena@example.de", status = "active" }),
            ],
            Inquiries = [Json(new { id = Inquiry, reference_id = "kyc_77310", name_first = "José", name_last = "Núñez", status = "approved" })],
        });
        viktorCase = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { ObjectIds = [Viktor] }, s.Lead);
        lenaCase = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { ObjectIds = [Lena, Inquiry], AssigneeId = s.OtherAnalyst.Id }, s.Lead);
        otherCase = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key), s.Lead);
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private static JsonElement Json(object o) => JsonSerializer.SerializeToElement(o);

    private async Task<IReadOnlyList<string>> Find(string text) =>
        (await s.Query.SearchAsync(new CaseFilter { Text = text }, s.Admin)).Rows.Select(r => r.Id).ToList();

    [SkippableTheory]
    [InlineData("viktor.p")]
    [InlineData("VIKTOR.P")]
    [InlineData("petrov@gm")]
    public async Task Search_PartOfAnEmail_FindsTheCase(string text) => Assert.Equal([viktorCase], await Find(text));

    [SkippableFact]
    public async Task Search_PartOfADomain_FindsTheCase() => Assert.Equal([viktorCase], await Find("gmail"));

    [SkippableTheory]
    [InlineData("ischer")]
    [InlineData("Núñ")]
    [InlineData("nunez")]
    public async Task Search_PartOfAPersonsName_FindsTheCaseWithOrWithoutAccents(string text) => Assert.Equal([lenaCase], await Find(text));

    [SkippableFact]
    public async Task Search_PartOfAReferenceId_FindsTheCase() => Assert.Equal([viktorCase], await Find("884"));

    [SkippableFact]
    public async Task Search_PartOfTheAssigneesName_FindsTheirCases() => Assert.Equal([lenaCase], await Find("na Oth"));

    [SkippableFact]
    public async Task Search_TwoTerms_FindsOnlyCasesMatchingBoth() => Assert.Equal([lenaCase], await Find("lena kyc_77"));

    [SkippableFact]
    public async Task Search_QuotedPhrase_MatchesTheWordsTogether()
    {
        Assert.Equal([lenaCase], await Find("\"lena fischer\""));
        Assert.Empty(await Find("\"fischer lena\""));
    }

    [SkippableFact]
    public async Task Search_TermsShorterThanThreeCharacters_AreLeftOut() => Assert.Equal([viktorCase], await Find("vi ktor"));

    [SkippableFact]
    public async Task Search_WholeCaseName_FindsThatCaseOnlyNotLongerNames()
    {
        while ((await s.Query.GetAsync(await s.NewCaseAsync(), s.Admin)).Name != $"{TestTemplates.Key}-10") { }

        Assert.Equal([viktorCase], await Find($"{TestTemplates.Key.ToLowerInvariant()}-1"));
    }

    [SkippableFact]
    public async Task Search_LeadingPartOfAPublicId_FindsTheCase() => Assert.Equal([lenaCase], await Find(lenaCase[..12]));

    [SkippableFact]
    public async Task Search_LeadingPartOfAnObjectId_FindsTheCasesLinkedToIt() => Assert.Equal([lenaCase], await Find("inq_s00"));

    [SkippableFact]
    public async Task Search_ObjectLinkedLater_IsFound()
    {
        await s.Cases.LinkObjectAsync(otherCase, Viktor, s.Lead);

        Assert.Equivalent(new[] { viktorCase, otherCase }, await Find("viktor.p"), strict: true);
    }

    [SkippableFact]
    public async Task Search_ObjectUnlinked_IsNoLongerFound()
    {
        await s.Cases.UnlinkObjectAsync(viktorCase, Viktor, s.Lead);

        Assert.Empty(await Find("viktor.p"));
    }

    [SkippableFact]
    public async Task Search_ObjectEmailUpdated_FindsTheNewEmailAndNotTheOld()
    {
        await using (var db = await s.DbAsync())
            await db.Objects.OfType<Account>().Where(a => a.Id == Viktor).ExecuteUpdateAsync(u => u.SetProperty(a => a.Email, "v.petrov@proton.me"));

        Assert.Equal([viktorCase], await Find("proton"));
        Assert.Empty(await Find("gmail"));
    }

    [SkippableFact]
    public async Task Search_AssigneeRenamed_FindsTheNewNameAndNotTheOld()
    {
        await using (var scope = s.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(s.OtherAnalyst.Id))!;
            user.DisplayName = "Zofia Brandt";
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        Assert.Equal([lenaCase], await Find("brandt"));
        Assert.Empty(await Find("Other"));
    }

    [SkippableFact]
    public async Task Search_CaseReassigned_FindsItByTheNewAssignee()
    {
        await s.Cases.AssignAsync(viktorCase, s.OtherAnalyst.Id, 1, s.Lead);

        Assert.Equivalent(new[] { viktorCase, lenaCase }, await Find("na Oth"), strict: true);
    }

    [SkippableFact]
    public async Task Search_CasesFromBulkImport_AreIndexedOnce()
    {
        var ids = await s.Services.GetRequiredService<CaseBulkImporter>().ImportAsync(
            [new BulkCase(TestTemplates.Key, "open", s.Clock.GetUtcNow().UtcDateTime) { ObjectIds = [Viktor, Lena] }], s.Lead);

        Assert.Equivalent(new[] { viktorCase, ids.Single() }, await Find("viktor.p"), strict: true);
        var after = await s.Cases.CreateAsync(new NewCase(TestTemplates.Key) { ObjectIds = [Viktor] }, s.Lead);   // indexing resumed
        Assert.Contains(after, await Find("viktor.p"));
    }

    [SkippableFact]
    public async Task Search_ManyMatches_CountsThemAllAndPagesNewestFirst()
    {
        var start = s.Clock.GetUtcNow().UtcDateTime.AddDays(-10);
        var imported = await s.Services.GetRequiredService<CaseBulkImporter>().ImportAsync(
            Enumerable.Range(0, TextMatch.ManyHits + 10).Select(i => new BulkCase(TestTemplates.Key, "open", start.AddMinutes(i)) { ObjectIds = [Lena] }).ToList(), s.Lead);

        var page = await s.Query.SearchAsync(new CaseFilter { Text = "lena@", PageSize = 3 }, s.Admin);

        Assert.Equal(TextMatch.ManyHits + 11, page.Total);
        Assert.Equal([lenaCase, imported[^1], imported[^2]], page.Rows.Select(r => r.Id));
    }

    [SkippableFact]
    public async Task Search_AnyUnknownTerm_FindsNothing() => Assert.Empty(await Find("fischer zzzqqq"));
}

public sealed class CaseSearchTestsOnSqlite() : CaseSearchTests(StoreProvider.Sqlite);

public sealed class CaseSearchTestsOnPostgres() : CaseSearchTests(StoreProvider.Postgres);
