using CasesDashboard.Features.Notifications;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Tests.Notifications;

public sealed class MentionsTests
{
    private static readonly UserInfo[] People =
    [
        new("1", "sam@x", "Sam Analyst", [Roles.Analyst]), new("2", "ana@x", "Ana Other", [Roles.Analyst]), new("3", "lee@x", "Lee Lead", [Roles.Lead]),
    ];

    [Theory]
    [InlineData("@", "Ana Other,Lee Lead,Sam Analyst")]
    [InlineData("hi @s", "Sam Analyst")]
    [InlineData("hi @OTH", "Ana Other")]
    [InlineData("hi @Ana O", "Ana Other")]
    [InlineData("hi @zed", "")]
    [InlineData("mail sam@an", "")]
    [InlineData("hi @an ", "")]
    [InlineData("hi @Ana Other and", "")]
    [InlineData("", "")]
    public void Suggest_OffersWhomTheAtAtTheEndCouldMean(string text, string expected) =>
        Assert.Equal(expected, string.Join(",", Mentions.Suggest(text, People).Select(u => u.DisplayName)));

    [Fact]
    public void Complete_ReplacesWhatWasTypedWithTheWholeNameAndASpace()
    {
        var text = Mentions.Complete("ok @le", People[2]);

        Assert.Equal("ok @Lee Lead ", text);
        Assert.Null(Mentions.Pending(text));
        Assert.Equal([People[2]], Mentions.In(text, People));
    }
}
