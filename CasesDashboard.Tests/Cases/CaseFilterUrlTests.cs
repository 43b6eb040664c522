using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Cases.Components;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Tests.Cases;

/// <summary>Reading the grid's link: every value is parsed defensively, and what could not be used is named in a notice.</summary>
public sealed class CaseFilterUrlTests
{
    [Fact]
    public void Read_WellFormedLink_TakesEveryValueWithoutNotices()
    {
        var read = CaseFilterUrl.Read(new(Text: "viktor", Template: "DOR", Status: "open", Assignee: "me", Priority: "high", Tag: "vip",
            From: "2026-01-01", To: "2026-02-01", Open: "true", Sort: "updated", Desc: "false", Page: "3", Queue: "cqu_1"));

        Assert.Empty(read.Notices);
        Assert.Equal(new CaseFilter
        {
            Text = "viktor", Template = "DOR", Status = "open", Assignee = "me", Priority = CasePriority.High, Tag = "vip", Queue = "cqu_1",
            CreatedFrom = new DateOnly(2026, 1, 1), CreatedTo = new DateOnly(2026, 2, 1), OpenOnly = true, Sort = CaseSort.Updated, Descending = false, Page = 3,
        }, read.Filter);
    }

    [Fact]
    public void ToUrl_Queue_RoundTripsThroughTheLink()
    {
        var link = CaseFilterUrl.ToUrl(new CaseFilter { Queue = CaseFilter.Unassigned });

        Assert.Equal("cases?queue=none", link);
        Assert.Equal(CaseFilter.Unassigned, CaseFilterUrl.Read(CaseGridQuery.Parse(link.Split('?')[1])).Filter.Queue);
    }

    [Fact]
    public void Read_DateFarInTheFuture_IsClampedAndSaysSo()
    {
        var read = CaseFilterUrl.Read(new(To: "9999-12-31"));

        Assert.Equal(CaseFilter.LatestDate, read.Filter.CreatedTo);
        Assert.Equal(["Created to 9999-12-31 is out of range — using 2099-12-31"], read.Notices);
    }

    [Fact]
    public void Read_DateBeforeTheRange_IsClamped() =>
        Assert.Equal(CaseFilter.EarliestDate, CaseFilterUrl.Read(new(From: "0001-01-01")).Filter.CreatedFrom);

    [Fact]
    public void Read_NotADate_IsIgnoredAndSaysSo()
    {
        var read = CaseFilterUrl.Read(new(From: "yesterday"));

        Assert.Null(read.Filter.CreatedFrom);
        Assert.Equal(["Created from ‘yesterday’ is not a date (yyyy-mm-dd) — ignored"], read.Notices);
    }

    [Fact]
    public void Read_FromAfterTo_SwapsThemAndSaysSo()
    {
        var read = CaseFilterUrl.Read(new(From: "2026-03-01", To: "2026-02-01"));

        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)), (read.Filter.CreatedFrom, read.Filter.CreatedTo));
        Assert.Single(read.Notices);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("5")]
    [InlineData("low,high")]
    public void Read_UnknownPriority_ShowsAllPrioritiesAndNamesTheValue(string priority)
    {
        var read = CaseFilterUrl.Read(new(Priority: priority));

        Assert.Null(read.Filter.Priority);
        Assert.Equal([$"Unknown priority ‘{priority}’ — showing all"], read.Notices);
    }

    [Fact]
    public void Read_UnknownSort_SortsByCreatedAndSaysSo()
    {
        var read = CaseFilterUrl.Read(new(Sort: "colour"));

        Assert.Equal((CaseSort.Created, true), (read.Filter.Sort, read.Filter.Descending));
        Assert.Equal(["Unknown sort ‘colour’ — sorted by created"], read.Notices);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("99999999999")]
    public void Read_NotAPageNumber_ShowsPageOneAndSaysSo(string page)
    {
        var read = CaseFilterUrl.Read(new(Page: page));

        Assert.Equal(1, read.Filter.Page);
        Assert.Equal([$"Page ‘{page}’ is not a page number — showing page 1"], read.Notices);
    }

    [Fact]
    public void Read_UnreadableOpenAndDesc_KeepTheirDefaultsAndSaySo()
    {
        var read = CaseFilterUrl.Read(new(Open: "yes", Desc: "down"));

        Assert.False(read.Filter.OpenOnly);
        Assert.True(read.Filter.Descending);
        Assert.Equal(2, read.Notices.Count);
    }

    [Fact]
    public void Read_LongHostileValue_IsQuotedShort()
    {
        var read = CaseFilterUrl.Read(new(Priority: new string('x', 500)));

        Assert.Equal($"Unknown priority ‘{new string('x', 40)}…’ — showing all", read.Notices.Single());
    }

    [Theory]
    [InlineData("sla", CaseSort.Sla, false)]
    [InlineData("created", CaseSort.Created, true)]
    [InlineData("updated", CaseSort.Updated, true)]
    [InlineData("priority", CaseSort.Priority, true)]
    public void Read_SortWithoutDirection_UsesTheColumnsFirstDirection(string sort, CaseSort expected, bool descending)
    {
        var filter = CaseFilterUrl.Read(new(Sort: sort)).Filter;

        Assert.Equal((expected, descending), (filter.Sort, filter.Descending));
    }

    [Fact]
    public void ToUrl_ColumnsFirstDirection_LeavesDirectionOutAndReadsBackTheSame()
    {
        var filter = new CaseFilter { Sort = CaseSort.Sla, Descending = false, Text = "a b", Page = 2 };

        var url = CaseFilterUrl.ToUrl(filter);

        Assert.Equal("cases?q=a%20b&sort=sla&page=2", url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[url.IndexOf('?')..]);
        Assert.Equal(filter, CaseFilterUrl.Read(new(Text: query["q"], Sort: query["sort"], Page: query["page"])).Filter);
    }
}
