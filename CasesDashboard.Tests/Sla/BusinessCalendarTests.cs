using CasesDashboard.Features.Common;
using CasesDashboard.Features.Sla;

namespace CasesDashboard.Tests.Sla;

/// <summary>Business-hours arithmetic: weekends, holidays, daylight-saving changes, zones, bad calendars.</summary>
public sealed class BusinessCalendarTests
{
    private static BusinessCalendar Office(string zone = "Europe/Berlin", params string[] holidays) =>
        new() { TimeZone = zone, Opens = "09:00", Closes = "17:00", Holidays = [.. holidays] };

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Add_Friday1700Plus24BusinessHours_LandsWednesday1700Local()
    {
        // Friday 27 Nov 2026 17:00 CET (16:00 UTC): Monday, Tuesday, Wednesday of 8 h each.
        var due = Office().Add(Utc(2026, 11, 27, 16), TimeSpan.FromHours(24));

        Assert.Equal(Utc(2026, 12, 2, 16), due);
    }

    [Fact]
    public void Add_AcrossSpringForwardWeekend_KeepsTheLocalOpeningHour()
    {
        // Friday 27 Mar 2026 16:00 CET (15:00 UTC) + 2 h: one hour on Friday, one on Monday from 09:00 CEST (07:00 UTC).
        var due = Office().Add(Utc(2026, 3, 27, 15), TimeSpan.FromHours(2));

        Assert.Equal(Utc(2026, 3, 30, 8), due);
    }

    [Fact]
    public void Add_AcrossFallBackWeekend_KeepsTheLocalOpeningHour()
    {
        // Friday 23 Oct 2026 16:00 CEST (14:00 UTC) + 2 h: Monday 10:00 CET is 09:00 UTC.
        var due = Office().Add(Utc(2026, 10, 23, 14), TimeSpan.FromHours(2));

        Assert.Equal(Utc(2026, 10, 26, 9), due);
    }

    [Fact]
    public void Add_NewYorkAcrossItsOwnDstChange_UsesItsZone()
    {
        // Friday 6 Mar 2026 16:00 EST (21:00 UTC) + 2 h: Monday 9 Mar 10:00 EDT is 14:00 UTC.
        var due = Office("America/New_York").Add(Utc(2026, 3, 6, 21), TimeSpan.FromHours(2));

        Assert.Equal(Utc(2026, 3, 9, 14), due);
    }

    [Fact]
    public void Add_OverAHoliday_SkipsIt()
    {
        // Thursday 24 Dec 2026 16:00 CET + 2 h, with the 25th a holiday: Monday 28 Dec 10:00 CET (the 26th, 27th are a weekend).
        var due = Office("Europe/Berlin", "2026-12-25").Add(Utc(2026, 12, 24, 15), TimeSpan.FromHours(2));

        Assert.Equal(Utc(2026, 12, 28, 9), due);
    }

    [Fact]
    public void Add_StartingOnASaturday_StartsMondayAtOpening()
    {
        var due = Office().Add(Utc(2026, 11, 28, 12), TimeSpan.FromHours(1));

        Assert.Equal(Utc(2026, 11, 30, 9), due);
    }

    [Fact]
    public void Between_FridayAfternoonToMondayMorning_CountsOnlyWorkingHours()
    {
        var worked = Office().Between(Utc(2026, 11, 27, 15), Utc(2026, 11, 30, 9));

        Assert.Equal(TimeSpan.FromHours(2), worked);
    }

    [Fact]
    public void Between_IsTheInverseOfAdd()
    {
        var calendar = Office("Europe/Berlin", "2026-03-30");
        var from = Utc(2026, 3, 26, 10, 17);
        var due = calendar.Add(from, TimeSpan.FromMinutes(1234));

        Assert.Equal(TimeSpan.FromMinutes(1234), calendar.Between(from, due));
    }

    [Fact]
    public void Target_OneBusinessDayFromFriday1500_IsMonday1500()
    {
        var calendar = Office();
        var due = calendar.Add(Utc(2026, 11, 27, 14), new SlaTarget(1, SlaUnit.BusinessDays).Duration(calendar));

        Assert.Equal(Utc(2026, 11, 30, 14), due);
    }

    [Fact]
    public void Check_BadCalendar_NamesEachField()
    {
        var calendar = new BusinessCalendar { TimeZone = "Mars/Olympus", WorkingDays = [], Opens = "17:00", Closes = "09:00", Holidays = ["25/12/2026"] };

        var paths = calendar.Check("calendar").Select(p => p.Path).ToList();

        Assert.Equal(["calendar.time_zone", "calendar.working_days", "calendar.closes", "calendar.holidays[0]"], paths);
    }

    [Fact]
    public void Add_WithInvalidCalendar_IsRefusedNotCrashed()
    {
        var calendar = new BusinessCalendar { TimeZone = "Nowhere/Land" };

        Assert.Throws<ValidationException>(() => calendar.Add(Utc(2026, 1, 1, 0), TimeSpan.FromHours(1)));
    }
}
