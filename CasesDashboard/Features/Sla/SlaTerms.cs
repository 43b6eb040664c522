using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Sla;

/// <summary>
/// The SLA that applies to one case: the most specific matching policy of its template, or, when the template has none, the
/// template's own <c>SlaHours</c> around the clock without pauses.
/// </summary>
public sealed record SlaTerms(TimeSpan Resolution, TimeSpan? FirstAssignment, BusinessCalendar? Calendar, IReadOnlySet<string> PauseStatuses, int? PolicyId)
{
    public static SlaTerms Fallback(TemplateDefinition definition) =>
        new(TimeSpan.FromHours(definition.SlaHours), null, null, new HashSet<string>(), null);

    public static SlaTerms Of(SlaPolicy p)
    {
        var calendar = p.Calendar;
        return new(p.Resolution.Duration(calendar), p.FirstAssignment?.Duration(calendar), calendar, p.PauseStatuses.ToHashSet(), p.Id);
    }

    /// <summary>The most specific of <paramref name="policies"/> (all of one template) that matches the case, else the fallback.</summary>
    public static SlaTerms Choose(IEnumerable<SlaPolicy> policies, TemplateDefinition definition, CasePriority priority, int? queueId) =>
        policies.Where(p => p.Matches(priority, queueId)).OrderByDescending(p => p.Specificity).ThenBy(p => p.Id).FirstOrDefault() is { } best
            ? Of(best) : Fallback(definition);

    public bool Pauses(string status) => PauseStatuses.Contains(status);

    /// <summary>The instant <paramref name="working"/> time after <paramref name="from"/> on this SLA's calendar.</summary>
    public DateTime Add(DateTime from, TimeSpan working) => Calendar?.Add(from, working) ?? from + (working > TimeSpan.Zero ? working : TimeSpan.Zero);

    /// <summary>The working time between two instants on this SLA's calendar.</summary>
    public TimeSpan Between(DateTime from, DateTime to) => Calendar?.Between(from, to) ?? (to > from ? to - from : TimeSpan.Zero);
}
