using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Cases;

/// <summary>Moving a case's SLA due time (a lead's or an automation's decision; analysts work to the SLA they were given).</summary>
public sealed partial class CaseService
{
    public Task<CaseChanged> SetSlaAsync(string caseId, DateTime dueAt, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, null, CaseEventTypes.Updated, async m =>
        {
            if (!actor.IsLead) throw new ForbiddenException("Only leads and admins can change a case's SLA.");
            await RequireWorkAsync(m);
            if (dueAt <= m.Case.CreatedAt || dueAt > m.Case.CreatedAt + MaxSla)
                throw new ValidationException("sla_expires_at", $"The SLA is due after the case was created and within {MaxSla.TotalDays:N0} days of it.");
            var due = DateTime.SpecifyKind(dueAt, DateTimeKind.Utc);
            if (m.Case.SlaExpiresAt == due) return;
            m.Audit.Add(CaseEventTypes.Updated, "sla_expires_at", m.Case.SlaExpiresAt.ToString("O"), due.ToString("O"));
            m.Case.SlaExpiresAt = due;
        }, ct);
}
