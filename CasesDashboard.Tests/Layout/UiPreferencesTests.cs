using CasesDashboard.Components.Layout;

namespace CasesDashboard.Tests.Layout;

public sealed class UiPreferencesTests
{
    [Fact]
    public void Parse_WhatToCookieWrote_ReadsTheSameChoices()
    {
        var choice = new UiPreferences(ThemeChoice.Dark, GridDensity.Comfortable, SystemDark: true);

        Assert.Equal(choice, UiPreferences.Parse(choice.ToCookie()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("theme=purple&density=7&system=maybe")]
    [InlineData("%%%")]
    public void Parse_MissingOrUnreadable_FollowsTheSystemCompact(string? cookie) =>
        Assert.Equal(new UiPreferences(ThemeChoice.System, GridDensity.Compact, SystemDark: false), UiPreferences.Parse(cookie));
}
