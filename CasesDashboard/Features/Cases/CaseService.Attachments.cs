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

    /// <summary>Makes the case carry exactly <paramref name="tags"/> (normalised): adds the missing ones, removes the others.</summary>
    public Task<CaseChanged> SetTagsAsync(string caseId, IReadOnlyList<string> tags, Actor actor, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var wanted = CaseInputRules.Tags(tags, Limits, "tags", problems);
        if (problems.Count > 0) throw new ValidationException(problems);
        return MutateAsync(caseId, actor, null, null, CaseEventTypes.Updated, async m =>
        {
            await RequireTaggingAsync(m);
            var existing = await m.Db.CaseTags.Where(t => t.CaseId == m.Case.Id).ToListAsync(ct);
            foreach (var row in existing.Where(t => !wanted.Contains(t.Tag)))
            {
                m.Db.CaseTags.Remove(row);
                m.Audit.Add(CaseEventTypes.Updated, "tags", row.Tag, null);
            }
            foreach (var tag in wanted.Where(t => existing.All(e => e.Tag != t)))
            {
                m.Db.CaseTags.Add(new CaseTag { CaseId = m.Case.Id, Tag = tag });
                m.Audit.Add(CaseEventTypes.Updated, "tags", null, tag);
            }
        }, ct);
    }

    public Task<CaseChanged> LinkObjectAsync(string caseId, string objectId, Actor actor, CancellationToken ct = default) =>
        LinkObjectsAsync(caseId, [objectId.Trim()], actor, ct, _ => "object_id");

    /// <summary>Links the objects (all or none: an unknown id is a problem at <c>object_ids[i]</c>); ids already linked are skipped.</summary>
    public Task<CaseChanged> LinkObjectsAsync(string caseId, IReadOnlyList<string> objectIds, Actor actor, CancellationToken ct = default,
        Func<int, string>? pathOf = null) =>
        MutateAsync(caseId, actor, null, null, CaseEventTypes.Updated, async m =>
        {
            await RequireWorkAsync(m);
            await RequireObjectsAsync(m.Db, objectIds, ct, pathOf);
            var linked = await m.Db.CaseObjectLinks.Where(l => l.CaseId == m.Case.Id).Select(l => l.ObjectId).ToListAsync(ct);
            foreach (var objectId in objectIds.Distinct().Where(id => !linked.Contains(id)))
            {
                m.Db.CaseObjectLinks.Add(new CaseObjectLink { CaseId = m.Case.Id, ObjectId = objectId, LinkedAt = m.Now, LinkedBy = actor.Name });
                m.Audit.Add(CaseEventTypes.Updated, $"objects.{KindName(objectId)}", null, objectId);
            }
        }, ct);

    public Task<CaseChanged> UnlinkObjectAsync(string caseId, string objectId, Actor actor, CancellationToken ct = default) =>
        UnlinkObjectsAsync(caseId, [objectId], actor, ct);

    /// <summary>Unlinks the objects; ids not linked are skipped (removing twice is harmless).</summary>
    public Task<CaseChanged> UnlinkObjectsAsync(string caseId, IReadOnlyList<string> objectIds, Actor actor, CancellationToken ct = default) =>
        MutateAsync(caseId, actor, null, null, CaseEventTypes.Updated, async m =>
        {
            await RequireWorkAsync(m);
            var ids = objectIds.Distinct().ToList();
            foreach (var link in await m.Db.CaseObjectLinks.Where(l => l.CaseId == m.Case.Id && ids.Contains(l.ObjectId)).ToListAsync(ct))
            {
                m.Db.CaseObjectLinks.Remove(link);
                m.Audit.Add(CaseEventTypes.Updated, $"objects.{KindName(link.ObjectId)}", link.ObjectId, null);
            }
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
            AddDocument(m, document!);
        }, ct);
    }

    private static void AddDocument(Mutation m, NewExternalDocument document)
    {
        m.Db.ExternalDocuments.Add(new ExternalDocument
        {
            CaseId = m.Case.Id, Name = document.Name, Source = document.Source, Json = document.Json, AttachedAt = m.Now, AttachedBy = m.Actor.Name,
        });
        m.Audit.Add(CaseEventTypes.Updated, "external_data", null, document.Name, $"{Encoding.UTF8.GetByteCount(document.Json):N0} bytes from {document.Source}");
    }

    private static string KindName(string objectId) => CaseObject.KindOfId(objectId)?.ToString().ToLowerInvariant() ?? "object";

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
