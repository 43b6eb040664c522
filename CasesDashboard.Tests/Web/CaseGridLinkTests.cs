using System.Net;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Web;

/// <summary>Hand-edited grid links through the real pipeline: the page answers, and says what it could not use.</summary>
public sealed class CaseGridLinkTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/cases?to=9999-12-31", "Created to 9999-12-31 is out of range — using 2099-12-31")]
    [InlineData("/cases?from=0001-01-01&to=0001-01-02", "Created from 0001-01-01 is out of range — using 1970-01-01")]
    [InlineData("/cases?status=nope", "Unknown status ‘nope’ — showing all")]
    [InlineData("/cases?template=nope&assignee=nobody&tag=nope", "Unknown assignee ‘nobody’ — showing all")]
    [InlineData("/cases?priority=nope&sort=nope&page=nope", "Unknown sort ‘nope’ — sorted by created")]
    [InlineData("/cases?page=2147483647", "is past the last page")]
    [InlineData("/cases?q=ab%20%22*%3A(%20NEAR", "‘ab’ is too short to search for")]
    public async Task Get_HandEditedLink_AnswersOkAndNamesWhatItLeftOut(string url, string notice)
    {
        var client = await app.SignedInAsync("analyst@example.com");

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(notice, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
