using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

public sealed partial class CaseService
{
    /// <summary>
    /// Erases the personal data a case holds, for good (leads and admins): every field value, the content of every external
    /// document (its name, source and time stay) and every comment body. The shell — name, template, status, resolution,
    /// assignee, tags, linked objects — and the audit trail stay; linked objects are not redacted (they may be on other cases).
    /// Audit rows are append-only, so the values they recorded are masked when read (<see cref="Redaction"/>). Redacting a
    /// redacted case changes nothing.
    /// </summary>
    public Task<CaseChanged> RedactAsync(string caseId, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, null, CaseEventTypes.Redacted, async m =>
        {
            CasePermissions.Redact(actor).Require();
            var c = m.Case;
            if (c.RedactedAt is not null) return;
            var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(c.FieldsJson)?.Count ?? 0;
            var documents = await m.Db.ExternalDocuments.Where(d => d.CaseId == c.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Json, Redaction.EmptyDocument), ct);
            var comments = await m.Db.CaseComments.Where(x => x.CaseId == c.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Body, Redaction.Marker), ct);
            c.FieldsJson = "{}";
            c.RedactedAt = m.Now;
            m.Audit.Add(CaseEventTypes.Redacted, "redacted_at", null, m.Now.ToString("O"),
                $"Erased {fields} field values, {documents} external documents and {comments} comments");
        }, ct);
}
