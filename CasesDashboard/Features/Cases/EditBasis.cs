using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// What a change of state rests on: the attributes that, changed by someone else since the editor read the case, make
/// the edit stale. Always the status, the resolution, the assignee and the template version; then the edited attribute
/// itself, the fields a decision requires, and for decisions new evidence (linked objects, external data).
/// Comments and tags never make an edit stale (ADR 001).
/// </summary>
public sealed class EditBasis
{
    private static readonly string[] Always = ["status", "resolution", "assignee", "template_version"];
    private readonly HashSet<string> fields;
    private readonly bool evidence;

    private EditBasis(IEnumerable<string> fields, bool evidence)
    {
        this.fields = [.. Always, .. fields];
        this.evidence = evidence;
    }

    public static EditBasis Of(params string[] fields) => new(fields, evidence: false);

    /// <summary>A decision: the action's required fields, the values sent with it, and any new evidence.</summary>
    public static EditBasis Decision(IEnumerable<string> fieldKeys) => new(fieldKeys.Select(k => $"fields.{k}"), evidence: true);

    public bool RestsOn(string? field) => field is not null
        && (fields.Contains(field) || evidence && (field.StartsWith("objects.", StringComparison.Ordinal) || field == "external_data"));

    /// <summary>
    /// Refuses the edit, saying who changed what and when, when a change the edit rests on was recorded after
    /// <paramref name="readVersion"/>. Changes that do not matter to it (a colleague's comment or tag) let it through.
    /// </summary>
    internal async Task RequireCurrentAsync(CasesDbContext db, Case c, long readVersion, TemplateDefinition definition, CancellationToken ct)
    {
        if (readVersion == c.Version) return;
        var since = await db.AuditEvents.AsNoTracking()
            .Where(e => e.CaseId == c.Id && e.CaseVersion > readVersion).OrderBy(e => e.Id).ToListAsync(ct);
        var blocking = since.Where(e => RestsOn(e.Field)).ToList();
        // Changes recorded before versions were kept on events cannot be told apart: refuse as before.
        if (blocking.Count == 0 && since.Count > 0) return;
        throw new ConflictException(blocking.Count == 0
            ? $"{c.Name} was changed by {c.UpdatedByName} at {c.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC — reload to see the change. Nothing was saved."
            : $"{c.Name} changed since you opened it: " + string.Join("; ", blocking.Select(e =>
                $"{e.ActorName} — {CaseEventText.Describe(e, definition)} ({e.At:HH:mm:ss} UTC)"))
              + ". Reload to see it; nothing was saved.");
    }
}
