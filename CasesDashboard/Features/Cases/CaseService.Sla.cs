using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Sla;

namespace CasesDashboard.Features.Cases;

public sealed partial class CaseService
{
    /// <summary>
    /// Sets the SLA due time explicitly (leads and admins; later the API and automations with a lead's rights), overriding the
    /// policy until a reopen; <paramref name="dueAt"/> null hands the due time back to the policy. Audited with the reason.
    /// </summary>
    public Task<CaseChanged> OverrideSlaAsync(string caseId, DateTime? dueAt, string? reason, long? expectedVersion, Actor actor,
        CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(reason)) problems.Add(new("reason", "Say why the due time is set by hand: the reason goes on the timeline."));
        var text = problems.Count == 0 ? CaseInputRules.Comment(reason, Limits, "reason", problems) : null;
        if (dueAt is { } d && d.Kind != DateTimeKind.Utc) problems.Add(new("sla_expires_at", "Give the due time in UTC."));
        if (problems.Count > 0) throw new ValidationException(problems);
        return MutateAsync(caseId, actor, expectedVersion, EditBasis.Of("sla_expires_at"), CaseEventTypes.Updated, async m =>
        {
            var c = m.Case;
            CasePermissions.SetSla(actor, m.Access(null)).Require();
            if (dueAt is { } at && (at - m.Now).Duration() > MaxSla)
                throw new ValidationException("sla_expires_at", $"The due time is within {MaxSla.TotalDays:N0} days of now.");
            var old = c.SlaExpiresAt;
            if (dueAt is { } due) (c.SlaExpiresAt, c.SlaOverridden) = (due, true);
            else if (c.SlaOverridden)
            {
                c.SlaOverridden = false;
                SlaClock.Retime(c, await SlaPolicyService.TermsAsync(m.Db, c, m.Definition, ct), m.Now, sla.AtRiskWindow);
            }
            if (c.SlaExpiresAt == old && dueAt is not null) return;
            m.Audit.Add(CaseEventTypes.Updated, "sla_expires_at", Iso(old), Iso(c.SlaExpiresAt),
                (dueAt is null ? "back to the SLA policy: " : "set by hand: ") + text);
        }, ct);
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss'Z'");
}
