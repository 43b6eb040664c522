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
        MutateAsync(caseId, actor, null, null, CaseEventTypes.Commented, m =>
        {
            CasePermissions.Comment(actor).Require();
            var problems = new List<Problem>();
            var text = CaseInputRules.Comment(body, Limits, "comment", problems);
            if (problems.Count > 0) throw new ValidationException(problems);
            AddComment(m, text!);
            return Task.CompletedTask;
        }, ct);

    public Task<CaseChanged> AddTagAsync(string caseId, string tag, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, null, CaseEventTypes.Updated, async m =>
        {
            await RequireTaggingAsync(m);
            var normalized = CaseInputRules.NormalizeTag(tag)
                ?? throw new ValidationException("tag", $"A tag is 1-{CaseInputRules.MaxTagLength} letters, digits, '-', '_' or ':'.");
            var existing = await m.Db.CaseTags.Where(t => t.CaseId == m.Case.Id).Select(t => t.Tag).ToListAsync(ct);
            if (existing.Contains(normalized)) return;
            if (existing.Count >= Limits.MaxTagsPerCase)
                throw new ValidationException("tag", $"A case can carry at most {Limits.MaxTagsPerCase} tags.");
            m.Db.CaseTags.Add(new CaseTag { CaseId = m.Case.Id, Tag = normalized });
            m.Audit.Add(CaseEventTypes.Updated, "tags", null, normalized);
        }, ct);

    public Task<CaseChanged> RemoveTagAsync(string caseId, string tag, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, null, CaseEventTypes.Updated, async m =>
        {
            await RequireTaggingAsync(m);
            var row = await m.Db.CaseTags.SingleOrDefaultAsync(t => t.CaseId == m.Case.Id && t.Tag == tag, ct);
            if (row is null) return;
            m.Db.CaseTags.Remove(row);
            m.Audit.Add(CaseEventTypes.Updated, "tags", tag, null);
        }, ct);

    public Task<CaseChanged> LinkObjectAsync(string caseId, string objectId, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, null, CaseEventTypes.Updated, async m =>
        {
            await RequireWorkAsync(m);
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
        MutateAsync(caseId, actor, null, null, CaseEventTypes.Updated, async m =>
        {
            await RequireWorkAsync(m);
            var link = await m.Db.CaseObjectLinks.SingleOrDefaultAsync(l => l.CaseId == m.Case.Id && l.ObjectId == objectId, ct);
            if (link is null) return;
            m.Db.CaseObjectLinks.Remove(link);
            var kind = CaseObject.KindOfId(objectId)?.ToString().ToLowerInvariant() ?? "object";
            m.Audit.Add(CaseEventTypes.Updated, $"objects.{kind}", objectId, null);
        }, ct);

    /// <summary>
    /// Attaches a named JSON document (an object or an array). Invalid JSON is refused with the parse error's position;
    /// nothing is replaced. Whoever may work the case may attach to it, people and systems alike.
    /// </summary>
    public Task<CaseChanged> AttachExternalDataAsync(string caseId, string name, string json, string source, Actor actor, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var document = CaseInputRules.Document(name, json, source, Limits, "external_data", problems);
        if (problems.Count > 0) throw new ValidationException(problems);
        return MutateAsync(caseId, actor, null, null, CaseEventTypes.Updated, async m =>
        {
            await RequireWorkAsync(m);
            m.Db.ExternalDocuments.Add(new ExternalDocument
            {
                CaseId = m.Case.Id, Name = document!.Name, Source = document.Source, Json = document.Json, AttachedAt = m.Now, AttachedBy = actor.Name,
            });
            m.Audit.Add(CaseEventTypes.Updated, "external_data", null, document.Name, $"{Encoding.UTF8.GetByteCount(document.Json):N0} bytes from {document.Source}");
        }, ct);
    }

    private async Task RequireTaggingAsync(Mutation m) =>
        CasePermissions.Tag(m.Actor, m.Access(await users.NameOfAsync(m.Case.AssigneeId))).Require();

    private static void AddComment(Mutation m, string body)
    {
        m.Db.CaseComments.Add(new CaseComment
        {
            CaseId = m.Case.Id, AuthorType = m.Actor.Type, AuthorId = m.Actor.Id, AuthorName = m.Actor.Name, Body = body, CreatedAt = m.Now,
        });
        m.Audit.Add(CaseEventTypes.Commented, "comments", null, AuditEvent.Excerpt(body));
    }
}
