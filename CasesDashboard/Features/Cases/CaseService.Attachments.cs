using System.Text;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

/// <summary>Additive changes (comments, tags, links, external data): they never overwrite, so they do not check the version read.</summary>
public sealed partial class CaseService
{
    public Task<CaseChanged> AddCommentAsync(string caseId, string body, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, CaseEventTypes.Commented, m =>
        {
            if (!CasePermissions.CanComment(actor)) throw new ForbiddenException("Viewers cannot comment.");
            if (string.IsNullOrWhiteSpace(body)) throw new ValidationException("comment", "A comment cannot be empty.");
            AddComment(m, body);
            return Task.CompletedTask;
        }, ct);

    public Task<CaseChanged> AddTagAsync(string caseId, string tag, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, CaseEventTypes.Updated, async m =>
        {
            RequireTagging(m);
            var normalized = NormalizeTags([tag]).SingleOrDefault()
                ?? throw new ValidationException("tag", "A tag is 1-64 letters, digits, '-', '_' or ':'.");
            var existing = await m.Db.CaseTags.Where(t => t.CaseId == m.Case.Id).Select(t => t.Tag).ToListAsync(ct);
            if (existing.Contains(normalized)) return;
            if (existing.Count >= limits.Value.MaxTagsPerCase)
                throw new ValidationException("tag", $"A case can carry at most {limits.Value.MaxTagsPerCase} tags.");
            m.Db.CaseTags.Add(new CaseTag { CaseId = m.Case.Id, Tag = normalized });
            m.Audit.Add(CaseEventTypes.Updated, "tags", null, normalized);
        }, ct);

    public Task<CaseChanged> RemoveTagAsync(string caseId, string tag, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, CaseEventTypes.Updated, async m =>
        {
            RequireTagging(m);
            var row = await m.Db.CaseTags.SingleOrDefaultAsync(t => t.CaseId == m.Case.Id && t.Tag == tag, ct);
            if (row is null) return;
            m.Db.CaseTags.Remove(row);
            m.Audit.Add(CaseEventTypes.Updated, "tags", tag, null);
        }, ct);

    public Task<CaseChanged> LinkObjectAsync(string caseId, string objectId, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, CaseEventTypes.Updated, async m =>
        {
            RequireWork(m);
            objectId = objectId.Trim();
            var obj = await m.Db.Objects.AsNoTracking().SingleOrDefaultAsync(o => o.Id == objectId, ct)
                ?? throw new ValidationException("object_id", CaseObject.KindOfId(objectId) is null
                    ? $"'{objectId}' is not an object id (inq_…, act_…, rep_… or txn_…)."
                    : $"No object with id '{objectId}'.");
            if (await m.Db.CaseObjectLinks.AnyAsync(l => l.CaseId == m.Case.Id && l.ObjectId == objectId, ct)) return;
            m.Db.CaseObjectLinks.Add(new CaseObjectLink { CaseId = m.Case.Id, ObjectId = objectId, LinkedAt = m.Now, LinkedBy = actor.Name });
            m.Audit.Add(CaseEventTypes.Updated, $"objects.{obj.Kind.ToString().ToLowerInvariant()}", null, objectId);
        }, ct);

    public Task<CaseChanged> UnlinkObjectAsync(string caseId, string objectId, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, CaseEventTypes.Updated, async m =>
        {
            RequireWork(m);
            var link = await m.Db.CaseObjectLinks.SingleOrDefaultAsync(l => l.CaseId == m.Case.Id && l.ObjectId == objectId, ct);
            if (link is null) return;
            m.Db.CaseObjectLinks.Remove(link);
            var kind = CaseObject.KindOfId(objectId)?.ToString().ToLowerInvariant() ?? "object";
            m.Audit.Add(CaseEventTypes.Updated, $"objects.{kind}", objectId, null);
        }, ct);

    /// <summary>Attaches a named JSON document. Invalid JSON is refused with the parse error's position; nothing is replaced.</summary>
    public Task<CaseChanged> AttachExternalDataAsync(string caseId, string name, string json, string source, Actor actor, CancellationToken ct = default)
    {
        var document = ValidateDocument(name, json, source, "external_data");
        return MutateAsync(caseId, actor, null, CaseEventTypes.Updated, m =>
        {
            if (actor.Type == ActorType.User) RequireWork(m);
            m.Db.ExternalDocuments.Add(new ExternalDocument
            {
                CaseId = m.Case.Id, Name = document.Name, Source = document.Source, Json = document.Json, AttachedAt = m.Now, AttachedBy = actor.Name,
            });
            m.Audit.Add(CaseEventTypes.Updated, "external_data", null, document.Name, $"{Encoding.UTF8.GetByteCount(document.Json):N0} bytes from {document.Source}");
            return Task.CompletedTask;
        }, ct);
    }

    private void RequireTagging(Mutation m)
    {
        if (!CasePermissions.CanTag(m.Actor, m.Case.AssigneeId))
            throw new ForbiddenException(m.Actor.CanWork ? $"Assign {m.Case.Name} to yourself before tagging it." : "Viewers cannot change tags.");
    }

    private void AddComment(Mutation m, string body)
    {
        body = body.Trim();
        if (body.Length > limits.Value.MaxCommentLength)
            throw new ValidationException("comment", $"A comment is at most {limits.Value.MaxCommentLength:N0} characters (this one has {body.Length:N0}).");
        m.Db.CaseComments.Add(new CaseComment
        {
            CaseId = m.Case.Id, AuthorType = m.Actor.Type, AuthorId = m.Actor.Id, AuthorName = m.Actor.Name, Body = body, CreatedAt = m.Now,
        });
        m.Audit.Add(CaseEventTypes.Commented, "comments", null, AuditEvent.Excerpt(body));
    }

    private NewExternalDocument ValidateDocument(string name, string json, string source, string path)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 100) throw new ValidationException($"{path}.name", "A document name is 1-100 characters.");
        var bytes = Encoding.UTF8.GetByteCount(json ?? "");
        if (bytes > limits.Value.MaxDocumentBytes)
            throw new ValidationException($"{path}.json", $"The document is {bytes:N0} bytes; the limit is {limits.Value.MaxDocumentBytes:N0}.");
        using var parsed = Json.ParseUserJson(json ?? "", $"{path}.json");
        return new NewExternalDocument(name, parsed.RootElement.GetRawText(), string.IsNullOrWhiteSpace(source) ? "user" : source.Trim());
    }

    private static IEnumerable<string> NormalizeTags(IEnumerable<string> tags) =>
        tags.Select(t => (t ?? "").Trim().ToLowerInvariant().Replace(' ', '-'))
            .Where(t => t.Length is > 0 and <= 64 && t.All(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or ':'))
            .Distinct();
}
