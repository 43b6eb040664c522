using System.Text.Json;
using Bunit;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Features.Objects;
using CasesDashboard.Tests.TestInfrastructure;
using static CasesDashboard.Tests.TestInfrastructure.JsonValues;

namespace CasesDashboard.Tests.Cases;

/// <summary>The case page, rendered from the template layout over real services.</summary>
public sealed class CasePageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;
    private string id = "";

    public async Task InitializeAsync()
    {
        h = await ComponentHarness.CreateAsync();
        id = await S.NewCaseAsync(S.Analyst);
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    private IRenderedComponent<CasePage> Open(Features.Security.Actor? actor = null)
    {
        h.SignIn(actor ?? S.Analyst);
        return h.Render<CasePage>(p => p.Add(x => x.Id, id));
    }

    [Fact]
    public void Render_TestTemplate_ShowsEveryPanelKindInLayoutOrder()
    {
        var page = Open();

        var kinds = page.FindAll("[data-panel]").Select(e => e.GetAttribute("data-panel")).ToList();
        Assert.Equal(["info", "fields", "inputs", "keyvalue", "inquiries", "accounts", "reports", "transactions", "comments", "timeline"], kinds);
        Assert.Equal("TST-1", page.Find("[data-testid=case-name]").TextContent);
    }

    [Fact]
    public async Task Render_UserSuppliedText_IsShownAsTextNotMarkup()
    {
        await S.Cases.UpdateFieldsAsync(id, Fields(("note", "<script>alert('x')</script><b>bold</b>")), 2, S.Analyst);
        await S.Cases.AttachExternalDataAsync(id, "device", """{"sessions":[{"ip":"<img src=x onerror=alert(1)>","country":"RO"}]}""", "sift", S.Analyst);

        var page = Open();

        Assert.Empty(page.FindAll("[data-panel] script, [data-panel] img, [data-field=note] b"));
        Assert.Equal("<script>alert('x')</script><b>bold</b>", page.Find("[data-field=note]").TextContent.Trim());
        Assert.Contains("&lt;img src=x", page.Find("[data-panel=keyvalue]").InnerHtml);
    }

    [Fact]
    public async Task Render_KeyValueTable_ShowsRowsFromTheExternalDocumentPath()
    {
        await S.Cases.AttachExternalDataAsync(id, "device", """{"sessions":[{"ip":"84.1.1.1","country":"DE"},{"ip":"89.2.2.2","country":"RO","emulator":true}]}""", "sift", S.Analyst);

        var panel = Open().Find("[data-panel=keyvalue]");

        Assert.Equal(["Ip", "Country", "Emulator"], panel.QuerySelectorAll("th").Select(th => th.TextContent));
        Assert.Equal(2, panel.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Yes", panel.QuerySelectorAll("tbody tr")[1].TextContent);
    }

    [Fact]
    public void Render_KeyValueWithoutTheDocument_SaysWhatIsMissing()
    {
        Assert.Contains("No external data named 'device' is attached.", Open().Find("[data-panel=keyvalue]").TextContent);
    }

    [Fact]
    public async Task Render_LinkedObjects_ShowInTheirPanelsWithOtherCases()
    {
        await S.Objects.ImportAsync(new ObjectBundle
        {
            Inquiries = [JsonSerializer.SerializeToElement(new { id = "inq_p00000000000000000000001", status = "needs_review", name_first = "Marcus", name_last = "Reyes",
                checks = new[] { new { name = "selfie_matches_id", status = "failed", detail = "similarity 0.41" } } })],
            Transactions = [JsonSerializer.SerializeToElement(new { id = "txn_p00000000000000000000001", amount = 842.5, currency = "EUR", transaction_type = "payout", status = "pending" })],
            Reports = [JsonSerializer.SerializeToElement(new { id = "rep_p00000000000000000000001", report_type = "watchlist", status = "ready", matches = new[] { new { name = "Demir FZE", score = 0.93 } } })],
        });
        var other = await S.NewCaseAsync(S.Analyst);
        foreach (var o in new[] { "inq_p00000000000000000000001", "txn_p00000000000000000000001", "rep_p00000000000000000000001" })
            await S.Cases.LinkObjectAsync(id, o, S.Analyst);
        await S.Cases.LinkObjectAsync(other, "inq_p00000000000000000000001", S.Analyst);

        var page = Open();

        Assert.Contains("Selfie matches id: similarity 0.41", page.Find("[data-panel=inquiries]").TextContent);
        Assert.Contains("TST-2", page.Find("[data-object=inq_p00000000000000000000001] [data-testid=other-cases]").TextContent);
        Assert.Contains("842.50 EUR", page.Find("[data-panel=transactions]").TextContent);
        Assert.Contains("1 match", page.Find("[data-panel=reports]").TextContent);
    }

    [Fact]
    public async Task Render_Timeline_DescribesEachChange()
    {
        await S.Cases.UpdateFieldsAsync(id, Fields(("verdict", "fraud")), 2, S.Analyst);

        var rows = Open().FindAll("[data-testid=timeline] tr").Select(r => r.TextContent).ToList();

        Assert.Contains(rows, r => r.Contains("Verdict: empty → Fraud"));
        Assert.Contains(rows, r => r.Contains("Assignee: nobody → Sam Analyst"));
        Assert.Contains(rows, r => r.Contains("Created TST-1 from Test review v1"));
    }

    [Fact]
    public void Render_Viewer_SeesEverythingButNoControls()
    {
        var page = Open(S.Viewer);

        Assert.Equal(10, page.FindAll("[data-panel]").Count);
        Assert.All(page.FindAll("[data-action]"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Empty(page.FindAll("[data-testid=save-fields], [data-testid=new-comment], [data-testid=assign-me], [data-testid=attach-open]"));
    }
}
