using System.Globalization;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Sla;

/// <summary>
/// When the SLA clock runs: working days, working hours (local wall time) and holidays in an IANA time zone. Every day's
/// working window is converted to UTC on its own date, so a daylight-saving change between two days moves the window with
/// the wall clock (09:00 stays 09:00). Stored as JSON on an SLA policy; null on a policy means "around the clock".
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>IANA zone, e.g. <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; set; } = "UTC";
    public List<DayOfWeek> WorkingDays { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    /// <summary>Local start of the working day, <c>HH:mm</c>.</summary>
    public string Opens { get; set; } = "09:00";
    /// <summary>Local end of the working day, <c>HH:mm</c> (after <see cref="Opens"/>).</summary>
    public string Closes { get; set; } = "17:00";
    /// <summary>Local dates that are not worked, <c>yyyy-MM-dd</c>.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>No clock runs further than this in one computation: a target cannot need more than ten years of calendar.</summary>
    private const int MaxDays = 3660;

    /// <summary>Every problem with this calendar, each named by its path under <paramref name="path"/>.</summary>
    public List<Problem> Check(string path)
    {
        var p = new List<Problem>();
        if (!TryZone(TimeZone, out _)) p.Add(new($"{path}.time_zone", $"'{TimeZone}' is not a known IANA time zone (e.g. Europe/Berlin, America/New_York)."));
        if (WorkingDays.Count == 0) p.Add(new($"{path}.working_days", "A calendar needs at least one working day."));
        var opens = ParseTime(Opens);
        var closes = ParseTime(Closes);
        if (opens is null) p.Add(new($"{path}.opens", $"'{Opens}' is not a time of day (HH:mm)."));
        if (closes is null) p.Add(new($"{path}.closes", $"'{Closes}' is not a time of day (HH:mm)."));
        if (opens is { } o && closes is { } c && c <= o) p.Add(new($"{path}.closes", "The working day closes after it opens: a calendar needs working hours."));
        for (var i = 0; i < Holidays.Count; i++)
            if (!DateOnly.TryParseExact(Holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                p.Add(new($"{path}.holidays[{i}]", $"'{Holidays[i]}' is not a date (yyyy-MM-dd)."));
        return p;
    }

    /// <summary>The length of a full working day (what one business day of a target means).</summary>
    public TimeSpan DayLength => Compiled().Closes - Compiled().Opens;

    /// <summary>The instant at which <paramref name="business"/> working time has passed since <paramref name="fromUtc"/>.</summary>
    public DateTime Add(DateTime fromUtc, TimeSpan business)
    {
        var c = Compiled();
        var cursor = fromUtc;
        var left = business;
        if (left <= TimeSpan.Zero) return fromUtc;
        var day = c.LocalDate(fromUtc).AddDays(-1);   // the previous local day's window may still be open in UTC terms
        for (var n = 0; n < MaxDays; n++, day = day.AddDays(1))
        {
            if (c.Window(day) is not var (start, end)) continue;
            if (end <= cursor) continue;
            if (start > cursor) cursor = start;
            var available = end - cursor;
            if (left <= available) return cursor + left;
            left -= available;
            cursor = end;
        }
        throw new InvalidOperationException($"The calendar has no working time for {business} within {MaxDays} days.");
    }

    /// <summary>The working time between two instants (zero when <paramref name="toUtc"/> is not after <paramref name="fromUtc"/>).</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc) return TimeSpan.Zero;
        var c = Compiled();
        var total = TimeSpan.Zero;
        var last = c.LocalDate(toUtc).AddDays(1);
        for (var day = c.LocalDate(fromUtc).AddDays(-1); day <= last; day = day.AddDays(1))
        {
            if (c.Window(day) is not var (start, end)) continue;
            var s = start > fromUtc ? start : fromUtc;
            var e = end < toUtc ? end : toUtc;
            if (e > s) total += e - s;
        }
        return total;
    }

    private Compiled? compiled;
    private Compiled Compiled()
    {
        if (compiled is not null) return compiled;
        var problems = Check("calendar");
        if (problems.Count > 0) throw new ValidationException(problems);
        TryZone(TimeZone, out var zone);
        return compiled = new Compiled(zone!, [.. WorkingDays], ParseTime(Opens)!.Value, ParseTime(Closes)!.Value,
            [.. Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture))]);
    }

    private static TimeSpan? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.ToTimeSpan() : null;

    private static bool TryZone(string? id, out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id)) return false;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return false; }
    }
}

/// <summary>A calendar parsed once: each local date's working window as UTC instants.</summary>
internal sealed record Compiled(TimeZoneInfo Zone, HashSet<DayOfWeek> Days, TimeSpan Opens, TimeSpan Closes, HashSet<DateOnly> Holidays)
{
    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    public (DateTime Start, DateTime End)? Window(DateOnly day) =>
        !Days.Contains(day.DayOfWeek) || Holidays.Contains(day) ? null : (ToUtc(day, Opens), ToUtc(day, Closes));

    /// <summary>A local wall time as UTC. A time skipped by a spring-forward change is taken as the first valid instant after it.</summary>
    private DateTime ToUtc(DateOnly day, TimeSpan time)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).Add(time);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
