using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases.Search;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

/// <summary>The read side: the paged case grid and the whole case for its page. No tracking, indexed filters only.</summary>
public sealed partial class CaseQuery(CasesStore store, TemplateService templates, UserDirectory users, Sla.SlaRules sla, Queues.QueueDirectory queues)
{
    public const int MaxPageSize = 200;

    /// <param name="fieldColumns">Template field keys whose values the rows carry (<see cref="CaseRow.Fields"/>).</param>
    public async Task<CaseResults> SearchAsync(CaseFilter filter, Actor actor, CancellationToken ct = default,
        IReadOnlyCollection<string>? fieldColumns = null)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Clamp(filter.Page, 1, int.MaxValue / pageSize);
        await using var db = await store.ReadAsync(ct);
        var (query, narrowed) = await ApplyFiltersAsync(db, db.Cases.AsNoTracking(), filter, actor, ct);
        var text = await CaseSearchIndex.MatchAsync(db, SearchText.Parse(filter.Text), ct);
        var total = text is null ? await query.CountAsync(ct)
            : !narrowed && text.Count is { } known ? known
            : await text.Narrow(query).CountAsync(ct);
        var cases = await Sort(text?.NarrowForPage(query) ?? query, filter).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new CaseResults(await RowsAsync(db, cases, fieldColumns ?? [], ct), total, page, pageSize);
    }

    /// <summary>Grid rows for <paramref name="cases"/>: their tags in one read, names and labels from the caches.</summary>
    private async Task<List<CaseRow>> RowsAsync(CasesDbContext db, IReadOnlyList<Case> cases, IReadOnlyCollection<string> fieldColumns, CancellationToken ct)
    {
        var ids = cases.Select(c => c.Id).ToList();
        var tags = (await db.CaseTags.AsNoTracking().Where(t => ids.Contains(t.CaseId)).ToListAsync(ct)).ToLookup(t => t.CaseId, t => t.Tag);
        var templateNames = (await templates.ListAsync(ct)).ToDictionary(t => t.Id, t => t.Name);
        var queueNames = (await queues.AllAsync(ct)).ToDictionary(q => q.Id, q => q.Name);
        var rows = new List<CaseRow>(cases.Count);
        foreach (var c in cases)
        {
            var definition = await templates.GetDefinitionAsync(c.TemplateId, c.TemplateVersion, ct);
            var status = definition.FindStatus(c.Status);
            rows.Add(new CaseRow(c.PublicId, c.Name, templateNames.GetValueOrDefault(c.TemplateId, "?"), c.Status,
                status?.Label ?? c.Status, status?.Color ?? "default", c.StatusType, c.Priority, await users.NameOfAsync(c.AssigneeId, ct),
                c.CreatedAt, c.UpdatedAt, c.SlaExpiresAt, c.ResolvedAt, tags[c.Id].Order().ToList(), sla.Evaluate(c),
                c.Version, fieldColumns.Count == 0 ? null : FieldTexts(definition, c.FieldsJson, fieldColumns),
                c.QueueId is { } q ? queueNames.GetValueOrDefault(q) : null));
        }
        return rows;
    }

    private static Dictionary<string, string> FieldTexts(TemplateDefinition definition, string fieldsJson, IReadOnlyCollection<string> keys)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(fieldsJson) ?? [];
        return keys.Select(k => (Key: k, Field: definition.FindField(k))).Where(x => x.Field is not null)
            .ToDictionary(x => x.Key, x => values.TryGetValue(x.Key, out var v) ? FieldValues.Display(x.Field!, v) : "");
    }

    /// <summary>Every filter but the free text; <c>Narrowed</c> is false when none applies (the query is every case).</summary>
    private async Task<(IQueryable<Case> Query, bool Narrowed)> ApplyFiltersAsync(CasesDbContext db, IQueryable<Case> all, CaseFilter f, Actor actor, CancellationToken ct)
    {
        var (q, narrowed) = (all, false);
        void Where(System.Linq.Expressions.Expression<Func<Case, bool>> condition) => (q, narrowed) = (q.Where(condition), true);
        var templateList = await templates.ListAsync(ct);
        if (templateList.Any(t => !t.Definition.IsVisibleTo(actor)))
        {
            var visible = templateList.Where(t => t.Definition.IsVisibleTo(actor)).Select(t => t.Id).ToList();
            Where(c => visible.Contains(c.TemplateId));
        }
        if (!string.IsNullOrEmpty(f.Status)) Where(c => c.Status == f.Status);
        if (!string.IsNullOrEmpty(f.Template))
        {
            var templateId = templateList.FirstOrDefault(t => t.Key == f.Template)?.Id ?? -1;
            Where(c => c.TemplateId == templateId);
        }
        if (f.OpenOnly) Where(c => c.StatusType != StatusType.End);
        switch (f.Assignee)
        {
            case null or "": break;
            case CaseFilter.Unassigned: Where(c => c.AssigneeId == null); break;
            case CaseFilter.Me: Where(c => c.AssigneeId == actor.Id); break;
            case var id: Where(c => c.AssigneeId == id); break;
        }
        if (f.Priority is { } p) Where(c => c.Priority == p);
        if (!string.IsNullOrEmpty(f.Tag)) Where(c => c.Tags.Any(t => t.Tag == f.Tag));
        if (f.Queue == CaseFilter.Unassigned) Where(c => c.QueueId == null);
        else if (!string.IsNullOrEmpty(f.Queue))
        {
            var queueId = (await queues.FindAsync(f.Queue, ct))?.Id ?? -1;
            Where(c => c.QueueId == queueId);
        }
        if (f.Fields.Count > 0)
        {
            var visibleTemplates = templateList.Where(t => t.Definition.IsVisibleTo(actor)).ToList();
            var conditions = new CaseConditions(db, visibleTemplates, []);
            foreach (var field in f.Fields)
                if (FieldFilters.Find(visibleTemplates, f.Template, field.Key) is { } definition && FieldFilters.Condition(definition, field.Value) is { } test)
                    Where(conditions.Compile(test));
        }
        if (f.CreatedFrom is { } from) { var t = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); Where(c => c.CreatedAt >= t); }
        if (f.CreatedTo is { } to && to < DateOnly.MaxValue) { var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); Where(c => c.CreatedAt < t); }
        if (f.ResolvedFrom is { } rf) { var t = rf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); Where(c => c.ResolvedAt >= t); }
        if (f.ResolvedTo is { } rt && rt < DateOnly.MaxValue) { var t = rt.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc); Where(c => c.ResolvedAt < t); }
        if (f.Sla is { } state) Where(sla.Matching(state));
        return (q, narrowed);
    }

    private static IQueryable<Case> Sort(IQueryable<Case> q, CaseFilter f) => (f.Sort, f.Descending) switch
    {
        (CaseSort.Updated, true) => q.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        (CaseSort.Updated, false) => q.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
        (CaseSort.Sla, true) => q.OrderByDescending(c => c.SlaExpiresAt).ThenByDescending(c => c.Id),
        (CaseSort.Sla, false) => q.OrderBy(c => c.SlaExpiresAt).ThenBy(c => c.Id),
        (CaseSort.Priority, true) => q.OrderByDescending(c => c.Priority).ThenByDescending(c => c.CreatedAt),
        (CaseSort.Priority, false) => q.OrderBy(c => c.Priority).ThenBy(c => c.CreatedAt),
        (_, true) => q.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        _ => q.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
    };

    /// <summary>Distinct tags in use, for the filter's picker.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return await db.CaseTags.AsNoTracking().Select(t => t.Tag).Distinct().OrderBy(t => t).Take(500).ToListAsync(ct);
    }

    public async Task<CaseView> GetAsync(string caseId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var c = await db.Cases.AsNoTracking().AsSplitQuery()
            .Include(x => x.Tags).Include(x => x.Comments).Include(x => x.ExternalData).Include(x => x.Links)
            .SingleOrDefaultAsync(x => x.PublicId == caseId, ct) ?? throw new NotFoundException("Case", caseId);
        var definition = await templates.GetDefinitionAsync(c.TemplateId, c.TemplateVersion, ct);
        var current = (await templates.ListAsync(ct)).FirstOrDefault(t => t.Id == c.TemplateId);
        var template = current?.Key ?? await db.CaseTemplates.AsNoTracking().Where(t => t.Id == c.TemplateId).Select(t => t.Key).SingleAsync(ct);
        if (current is not null && !current.Definition.IsVisibleTo(actor)) throw new NotFoundException("Case", caseId);
        var timeline = await db.AuditEvents.AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.Id).ToListAsync(ct);

        var objectIds = c.Links.OrderBy(l => l.LinkedAt).Select(l => l.ObjectId).ToList();
        // Each read is a round trip (one to a server process on PostgreSQL): a case with no linked objects makes none for them.
        var objects = objectIds.Count == 0 ? [] : await db.Objects.AsNoTracking().Where(o => objectIds.Contains(o.Id)).ToListAsync(ct);
        var others = (objectIds.Count == 0 ? [] : await (from l in db.CaseObjectLinks
                             join other in db.Cases on l.CaseId equals other.Id
                             where objectIds.Contains(l.ObjectId) && l.CaseId != c.Id
                             orderby other.Id
                             select new { l.ObjectId, other.PublicId, other.Name }).Take(500).ToListAsync(ct))
            .ToLookup(x => x.ObjectId, x => new CaseLinkRef(x.PublicId, x.Name));

        var status = definition.FindStatus(c.Status) ?? new StatusDefinition { Key = c.Status, Label = c.Status, Type = c.StatusType };
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(c.FieldsJson) ?? [];
        var assigneeName = await users.NameOfAsync(c.AssigneeId, ct);
        return new CaseView
        {
            Id = c.PublicId, Name = c.Name, Version = c.Version, TemplateKey = template, TemplateVersion = c.TemplateVersion,
            Definition = definition, Status = status, Priority = c.Priority,
            AssigneeId = c.AssigneeId, AssigneeName = assigneeName,
            AssignerName = c.AssignerType switch
            {
                ActorType.User => await users.NameOfAsync(c.AssignerId, ct),
                ActorType.Policy => (await queues.FindAsync(c.AssignerId ?? "", ct))?.PolicyActorName ?? c.AssignerId,
                _ => c.AssignerId,
            },
            AssignedAt = c.AssignedAt, CreatorName = c.CreatorName, CreatorType = Actor.TypeNameOf(c.CreatorType),
            CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt, UpdatedByName = c.UpdatedByName, SlaExpiresAt = c.SlaExpiresAt, AssignmentDueAt = c.AssignmentDueAt,
            Sla = sla.Evaluate(c), ResolvedAt = c.ResolvedAt, ResolutionLabel = c.Resolution is null ? null : definition.FindStatus(c.Resolution)?.Label ?? c.Resolution,
            ResolverName = c.ResolverName,
            Fields = fields,
            Tags = c.Tags.Select(t => t.Tag).Order().ToList(),
            Comments = c.Comments.OrderBy(x => x.Id).ToList(),
            ExternalData = c.ExternalData.OrderBy(x => x.Id).ToList(),
            Objects = objectIds.Select(id => objects.FirstOrDefault(o => o.Id == id)).OfType<CaseObject>()
                .Select(o => new LinkedObject(o, others[o.Id].ToList())).ToList(),
            Timeline = Redaction.Mask(timeline, c.RedactedAt),
            RedactedAt = c.RedactedAt,
            Queue = await queues.ByIdAsync(c.QueueId, ct), QueuePinned = c.QueuePinned,
            Can = c.RedactedAt is { } redacted ? CaseAbilities.ReadOnly($"{c.Name} was redacted at {redacted:yyyy-MM-dd HH:mm} UTC.")
                : CasePermissions.For(actor, new CaseAccess(c.Name, c.AssigneeId, assigneeName, c.Status, c.StatusType), definition, fields),
        };
    }
}
