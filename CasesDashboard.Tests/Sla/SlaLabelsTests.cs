using CasesDashboard.Features.Sla;

namespace CasesDashboard.Tests.Sla;

/// <summary>How calendars read in the SLA policy list, and the form model's round trip.</summary>
public sealed class SlaLabelsTests
{
    [Theory]
    [InlineData(new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }, "Mon–Fri 09:00–17:00 Europe/Berlin")]
    [InlineData(new[] { DayOfWeek.Wednesday, DayOfWeek.Monday }, "Mon, Wed 09:00–17:00 Europe/Berlin")]
    [InlineData(new[] { DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday }, "Every day 09:00–17:00 Europe/Berlin")]
    public void Calendar_WorkingDays_AreSummarisedInWeekOrder(DayOfWeek[] days, string expected) =>
        Assert.Equal(expected, SlaLabels.Calendar(new BusinessCalendar { TimeZone = "Europe/Berlin", WorkingDays = [.. days] }));

    [Fact]
    public void Calendar_None_IsAroundTheClock() => Assert.Equal("Around the clock", SlaLabels.Calendar(null));

    [Fact]
    public void Draft_FromAViewAndBack_GivesTheSameInput()
    {
        var calendar = new BusinessCalendar { TimeZone = "America/New_York", WorkingDays = [DayOfWeek.Monday, DayOfWeek.Friday], Holidays = ["2026-12-25"] };
        var view = new SlaPolicyView(7, "DOR", Features.Templates.CasePriority.High, 3, new SlaTarget(2, SlaUnit.BusinessDays), new SlaTarget(30, SlaUnit.Minutes),
            calendar, ["waiting_on_driver"], 4);

        var input = SlaPolicyDraft.From(view).ToInput();

        Assert.Equal(("DOR", new SlaTarget(2, SlaUnit.BusinessDays), Features.Templates.CasePriority.High, 3, new SlaTarget(30, SlaUnit.Minutes)),
            (input.TemplateKey, input.Resolution, input.Priority, input.QueueId, input.FirstAssignment));
        Assert.Equal(("America/New_York", "09:00", "17:00"), (input.Calendar!.TimeZone, input.Calendar.Opens, input.Calendar.Closes));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday], input.Calendar.WorkingDays);
        Assert.Equal(["2026-12-25"], input.Calendar.Holidays);
        Assert.Equal(["waiting_on_driver"], input.PauseStatuses!);
    }
}
