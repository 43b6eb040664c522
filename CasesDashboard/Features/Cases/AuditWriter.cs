using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Cases;

/// <summary>Adds audit events for one case change to the same context (so the same transaction) as the change.</summary>
internal sealed class AuditWriter(CasesDbContext db, long caseId, Actor actor, DateTime now)
{
    private readonly List<CaseChange> changes = [];
    private readonly List<AuditEvent> events = [];
    public IReadOnlyList<CaseChange> Changes => changes;

    /// <summary>The most telling event type recorded (resolved beats status-updated beats updated).</summary>
    public string? MainType { get; private set; }

    public void Add(string type, string field, string? oldValue, string? newValue, string? detail = null)
    {
        var e = AuditEvent.By(actor, now, type, caseId, field: field, oldValue: oldValue, newValue: newValue, detail: detail);
        db.AuditEvents.Add(e);
        events.Add(e);
        changes.Add(new CaseChange(field, oldValue, newValue, type, detail));
        if (MainType is null || Rank(type) > Rank(MainType)) MainType = type;
    }

    /// <summary>Records on every event the case version the change produced.</summary>
    public void Stamp(long caseVersion) => events.ForEach(e => e.CaseVersion = caseVersion);

    private static int Rank(string type) => type switch
    {
        CaseEventTypes.Resolved or CaseEventTypes.Reopened => 4,
        CaseEventTypes.StatusUpdated => 3,
        CaseEventTypes.Assigned => 2,
        CaseEventTypes.Updated => 1,
        _ => 0,
    };
}
