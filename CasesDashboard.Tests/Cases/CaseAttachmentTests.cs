using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Tests.TestInfrastructure;
using System.Text.Json;

namespace CasesDashboard.Tests.Cases;

public abstract class CaseAttachmentTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private string id = "";
    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider, new() { ["Cases:MaxDocumentBytes"] = "2000" });
        id = await s.NewCaseAsync(s.Analyst);
    }
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task AttachExternalData_MalformedJson_IsRefusedWithLineAndPosition()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            s.Cases.AttachExternalDataAsync(id, "device", "{\n  \"ip\": \"1.2.3.4\",\n  \"country\" \"RO\"\n}", "sift", s.Analyst));

        var problem = e.Problems.Single();
        Assert.Equal("external_data.json", problem.Path);
        Assert.StartsWith("Invalid JSON at line 3, position 13", problem.Message);
        Assert.Empty((await s.Query.GetAsync(id, s.Analyst)).ExternalData);
    }

    [SkippableFact]
    public async Task AttachExternalData_OverTheLimit_IsRefusedWithSizes()
    {
        var big = JsonSerializer.Serialize(new { blob = new string('x', 3000) });

        var e = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.AttachExternalDataAsync(id, "big", big, "api", s.Analyst));

        Assert.Contains("the limit is 2,000", e.Message);
    }

    [SkippableFact]
    public async Task AttachExternalData_SameNameTwice_KeepsBothAndTheNewestWins()
    {
        await s.Cases.AttachExternalDataAsync(id, "device", """{"v":1}""", "sift", s.Analyst);
        await s.Cases.AttachExternalDataAsync(id, "device", """{"v":2}""", "sift", s.Analyst);

        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Equal(2, view.ExternalData.Count);
        Assert.Equal("""{"v":2}""", view.Document("device")!.Json);
    }

    [SkippableFact]
    public async Task AddComment_Viewer_IsRefused_Analyst_Succeeds()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Cases.AddCommentAsync(id, "hi", s.Viewer));
        await s.Cases.AddCommentAsync(id, "Checked the device history.", s.OtherAnalyst);

        var comment = (await s.Query.GetAsync(id, s.Analyst)).Comments.Single();
        Assert.Equal(("Ana Other", "Checked the device history."), (comment.AuthorName, comment.Body));
    }

    [SkippableFact]
    public async Task AddTag_NormalizesAndIgnoresDuplicates_RemoveTagAudits()
    {
        await s.Cases.AddTagAsync(id, " Payout Frozen ", s.Analyst);
        await s.Cases.AddTagAsync(id, "payout-frozen", s.Analyst);
        await s.Cases.RemoveTagAsync(id, "payout-frozen", s.Analyst);
        await s.Cases.AddTagAsync(id, "sim-swap", s.Analyst);

        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Equal(["sim-swap"], view.Tags);
        Assert.Equal(3, view.Timeline.Count(e => e.Field == "tags"));
    }

    [SkippableFact]
    public async Task LinkObject_UnknownOrMalformedId_IsRefusedOnObjectId()
    {
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.LinkObjectAsync(id, "inq_doesnotexist", s.Analyst));
        var malformed = await Assert.ThrowsAsync<ValidationException>(() => s.Cases.LinkObjectAsync(id, "hello", s.Analyst));

        Assert.Equal("object_id", unknown.Problems.Single().Path);
        Assert.Contains("No object with id 'inq_doesnotexist'", unknown.Message);
        Assert.Contains("is not an object id", malformed.Message);
    }

    [SkippableFact]
    public async Task LinkObject_SharedAccount_CasePageShowsTheOtherCase()
    {
        await s.Objects.ImportAsync(new ObjectBundle
        {
            Accounts = [JsonSerializer.SerializeToElement(new { id = "act_shared000000000000000001", name = "Nina Patel", email = "NINA@example.com", status = "active" })],
        });
        var other = await s.NewCaseAsync(s.Analyst);
        await s.Cases.LinkObjectAsync(id, "act_shared000000000000000001", s.Analyst);
        await s.Cases.LinkObjectAsync(other, "act_shared000000000000000001", s.Analyst);

        var view = await s.Query.GetAsync(id, s.Analyst);

        var linked = view.Objects.Single();
        Assert.Equal("nina@example.com", ((Account)linked.Object).Email);
        Assert.Equal("TST-2", linked.OtherCases.Single().Name);
    }

    [SkippableFact]
    public async Task UnlinkObject_RemovesLinkAndAudits()
    {
        await s.Objects.ImportAsync(new ObjectBundle
        {
            Inquiries = [JsonSerializer.SerializeToElement(new { id = "inq_x00000000000000000000001", status = "approved", checks = new[] { new { name = "selfie", status = "passed" } } })],
        });
        await s.Cases.LinkObjectAsync(id, "inq_x00000000000000000000001", s.Analyst);

        await s.Cases.UnlinkObjectAsync(id, "inq_x00000000000000000000001", s.Analyst);

        var view = await s.Query.GetAsync(id, s.Analyst);
        Assert.Empty(view.Objects);
        Assert.Contains(view.Timeline, e => e.Field == "objects.inquiry" && e.OldValue == "inq_x00000000000000000000001");
    }
}

public sealed class CaseAttachmentTestsOnSqlite() : CaseAttachmentTests(StoreProvider.Sqlite);

public sealed class CaseAttachmentTestsOnPostgres() : CaseAttachmentTests(StoreProvider.Postgres);
