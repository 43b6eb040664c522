using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Sla;

/// <summary>
/// An SLA policy as the admin page edits it: every input the form has, kept whole between failed saves (nothing typed is
/// lost), turned into an <see cref="SlaPolicyInput"/> only when saved. The service checks it; this class holds no rule.
/// </summary>
public sealed class SlaPolicyDraft
{
    public int? Id { get; init; }
    public long? Version { get; set; }
    public string TemplateKey { get; set; } = "";
    public CasePriority? Priority { get; set; }
    public int? QueueId { get; set; }
    public int ResolutionAmount { get; set; } = 8;
    public SlaUnit ResolutionUnit { get; set; } = SlaUnit.Hours;
    public bool HasFirstAssignment { get; set; }
    public int FirstAssignmentAmount { get; set; } = 1;
    public SlaUnit FirstAssignmentUnit { get; set; } = SlaUnit.Hours;
    public bool HasCalendar { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public HashSet<DayOfWeek> WorkingDays { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    public string Opens { get; set; } = "09:00";
    public string Closes { get; set; } = "17:00";
    public List<string> Holidays { get; set; } = [];
    public HashSet<string> PauseStatuses { get; set; } = [];

    public bool IsNew => Id is null;

    public static SlaPolicyDraft New(string templateKey) => new() { TemplateKey = templateKey };

    public static SlaPolicyDraft From(SlaPolicyView p) => new()
    {
        Id = p.Id, Version = p.Version, TemplateKey = p.TemplateKey, Priority = p.Priority, QueueId = p.QueueId,
        ResolutionAmount = p.Resolution.Amount, ResolutionUnit = p.Resolution.Unit,
        HasFirstAssignment = p.FirstAssignment is not null,
        FirstAssignmentAmount = p.FirstAssignment?.Amount ?? 1, FirstAssignmentUnit = p.FirstAssignment?.Unit ?? SlaUnit.Hours,
        HasCalendar = p.Calendar is not null,
        TimeZone = p.Calendar?.TimeZone ?? "UTC",
        WorkingDays = p.Calendar is { } c ? [.. c.WorkingDays] : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        Opens = p.Calendar?.Opens ?? "09:00", Closes = p.Calendar?.Closes ?? "17:00",
        Holidays = [.. p.Calendar?.Holidays ?? []],
        PauseStatuses = [.. p.PauseStatuses],
    };

    /// <summary>What the service is asked to save. Working days keep the week's order (Monday first).</summary>
    public SlaPolicyInput ToInput() => new(
        TemplateKey, new SlaTarget(ResolutionAmount, ResolutionUnit), Priority, QueueId,
        HasFirstAssignment ? new SlaTarget(FirstAssignmentAmount, FirstAssignmentUnit) : null,
        HasCalendar
            ? new BusinessCalendar
            {
                TimeZone = TimeZone?.Trim() ?? "", WorkingDays = SlaLabels.Week.Where(WorkingDays.Contains).ToList(),
                Opens = Opens?.Trim() ?? "", Closes = Closes?.Trim() ?? "", Holidays = Holidays.Order(StringComparer.Ordinal).ToList(),
            }
            : null,
        PauseStatuses.ToList());

    /// <summary>Adds a holiday (kept as typed, so the service can name a bad one); false when it was already listed or empty.</summary>
    public bool AddHoliday(string? date)
    {
        var d = date?.Trim();
        if (string.IsNullOrEmpty(d) || Holidays.Contains(d)) return false;
        Holidays.Add(d);
        Holidays.Sort(StringComparer.Ordinal);
        return true;
    }
}

/// <summary>How SLA policies read on screens: targets, calendars, units, days.</summary>
public static class SlaLabels
{
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string Unit(SlaUnit unit) => unit switch
    {
        SlaUnit.Minutes => "minutes",
        SlaUnit.Hours => "hours",
        _ => "business days",
    };

    public static string Day(DayOfWeek day) => day.ToString()[..3];

    /// <summary>"Mon–Fri 09:00–17:00 America/New_York · 19 holidays", or "Around the clock".</summary>
    public static string Calendar(BusinessCalendar? calendar)
    {
        if (calendar is null) return "Around the clock";
        var days = Week.Where(calendar.WorkingDays.Contains).ToList();
        var daysText = days.Count == 7 ? "Every day"
            : IsRun(days) && days.Count > 2 ? $"{Day(days[0])}–{Day(days[^1])}"
            : string.Join(", ", days.Select(Day));
        var holidays = calendar.Holidays.Count switch { 0 => "", 1 => " · 1 holiday", var n => $" · {n} holidays" };
        return $"{daysText} {calendar.Opens}–{calendar.Closes} {calendar.TimeZone}{holidays}";
    }

    private static bool IsRun(List<DayOfWeek> days)
    {
        var positions = days.Select(d => Array.IndexOf(Week, d)).ToList();
        return positions.Zip(positions.Skip(1)).All(p => p.Second == p.First + 1);
    }

    /// <summary>The IANA zones this machine knows, for the calendar's zone picker.</summary>
    public static IReadOnlyList<string> TimeZones { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : z.Id)
        .Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
