using System.Text.Json;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Sla;

public enum SlaUnit { Minutes, Hours, BusinessDays }

/// <summary>An amount of SLA time: minutes and hours count working time on the policy's calendar; business days count whole working days.</summary>
public sealed record SlaTarget(int Amount, SlaUnit Unit)
{
    public const int MaxMinutes = 60 * 24 * 3650;

    /// <summary>The working time this target means on <paramref name="calendar"/> (null: around the clock, a day is 24 h).</summary>
    public TimeSpan Duration(BusinessCalendar? calendar) => Unit switch
    {
        SlaUnit.Minutes => TimeSpan.FromMinutes(Amount),
        SlaUnit.Hours => TimeSpan.FromHours(Amount),
        _ => (calendar?.DayLength ?? TimeSpan.FromDays(1)) * Amount,
    };

    public override string ToString() => Unit switch
    {
        SlaUnit.Minutes => $"{Amount} min",
        SlaUnit.Hours => $"{Amount} h",
        _ => Amount == 1 ? "1 business day" : $"{Amount} business days",
    };
}

/// <summary>
/// The SLA of a template's cases, optionally only for one priority and/or one queue (the most specific policy wins). Targets for
/// the first assignment (optional) and for resolution; a business-hours calendar (null: around the clock); the statuses that
/// pause the clock ("waiting on the end user").
/// </summary>
public sealed class SlaPolicy
{
    public int Id { get; set; }
    public int TemplateId { get; set; }
    /// <summary>Only for cases of this priority; null: any.</summary>
    public CasePriority? Priority { get; set; }
    /// <summary>Only for cases in this queue; null: any.</summary>
    public int? QueueId { get; set; }
    public int ResolutionAmount { get; set; }
    public SlaUnit ResolutionUnit { get; set; }
    public int? FirstAssignmentAmount { get; set; }
    public SlaUnit? FirstAssignmentUnit { get; set; }
    /// <summary>The calendar as JSON (<see cref="BusinessCalendar"/>); null: the clock runs around the clock.</summary>
    public string? CalendarJson { get; set; }
    /// <summary>Status keys (JSON array) in which the clock is paused.</summary>
    public string PauseStatusesJson { get; set; } = "[]";
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; } = 1;

    public SlaTarget Resolution => new(ResolutionAmount, ResolutionUnit);
    public SlaTarget? FirstAssignment => FirstAssignmentAmount is { } a && FirstAssignmentUnit is { } u ? new(a, u) : null;
    public BusinessCalendar? Calendar => CalendarJson is null ? null : JsonSerializer.Deserialize<BusinessCalendar>(CalendarJson);
    public IReadOnlyList<string> PauseStatuses => JsonSerializer.Deserialize<List<string>>(PauseStatusesJson) ?? [];

    /// <summary>How specific the policy is: queue and priority beat priority beats queue-less, priority-less.</summary>
    public int Specificity => (QueueId is null ? 0 : 2) + (Priority is null ? 0 : 1);

    public bool Matches(CasePriority priority, int? queueId) =>
        (Priority is null || Priority == priority) && (QueueId is null || QueueId == queueId);
}
