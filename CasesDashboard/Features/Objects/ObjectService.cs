using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Objects;

/// <summary>A set of objects in the import format: <c>{"inquiries": [...], "accounts": [...], "reports": [...], "transactions": [...]}</c>.</summary>
public sealed class ObjectBundle
{
    public List<JsonElement> Inquiries { get; set; } = [];
    public List<JsonElement> Accounts { get; set; } = [];
    public List<JsonElement> Reports { get; set; } = [];
    public List<JsonElement> Transactions { get; set; } = [];
}

/// <summary>One page of objects of a kind, newest first; the cursors of the neighbouring pages (null: none).</summary>
public sealed record ObjectSlice(IReadOnlyList<CaseObject> Objects, string? Prev, string? Next);

/// <summary>
/// Verification objects: import, create, update (typed key columns + the whole payload in the import format), find and list.
/// Every new or changed object is audited (<c>account.created</c>, <c>account.updated</c>, … with <c>object:&lt;id&gt;</c> as the
/// subject) in the same transaction, so event-log consumers (automations, webhooks) see it.
/// </summary>
public sealed class ObjectService(CasesStore store, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>Adds the objects whose ids are new; existing ids are left as they are. Returns how many were added.</summary>
    public async Task<int> ImportAsync(ObjectBundle bundle, CancellationToken ct = default, Actor? actor = null)
    {
        actor ??= Actor.System("import");
        var anchor = clock.GetUtcNow().UtcDateTime;
        var problems = new List<Problem>();
        var parsed = new List<CaseObject>();
        void Parse(List<JsonElement> items, string path, ObjectKind kind)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var o = ObjectReader.Read(kind, items[i], $"{path}[{i}]", anchor, problems);
                if (o is null) continue;
                if (!o.Id.StartsWith(CaseObject.PrefixOf(kind), StringComparison.Ordinal) || o.Id.Length > 40)
                    problems.Add(new($"{path}[{i}].id", $"id must start with {CaseObject.PrefixOf(kind)} (at most 40 characters)."));
                o.PayloadJson = items[i].GetRawText();
                parsed.Add(o);
            }
        }
        Parse(bundle.Inquiries, "inquiries", ObjectKind.Inquiry);
        Parse(bundle.Accounts, "accounts", ObjectKind.Account);
        Parse(bundle.Reports, "reports", ObjectKind.Report);
        Parse(bundle.Transactions, "transactions", ObjectKind.Transaction);
        if (problems.Count > 0) throw new ValidationException(problems);

        return await store.WriteAsync(async db =>
        {
            var added = 0;
            foreach (var chunk in parsed.DistinctBy(o => o.Id).Chunk(500))
            {
                var ids = chunk.Select(o => o.Id).ToList();
                var existing = await db.Objects.Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
                var fresh = chunk.Where(o => !existing.Contains(o.Id)).ToList();
                await BulkWriter.InsertAsync(db, fresh.OfType<Inquiry>().ToList(), ct);
                await BulkWriter.InsertAsync(db, fresh.OfType<Account>().ToList(), ct);
                await BulkWriter.InsertAsync(db, fresh.OfType<Report>().ToList(), ct);
                await BulkWriter.InsertAsync(db, fresh.OfType<Transaction>().ToList(), ct);
                await BulkWriter.InsertAsync(db, fresh.Select(o => Created(o, actor, anchor)).ToList(), ct);
                added += fresh.Count;
            }
            return added;
        }, ct);
    }

    /// <summary>Creates an object of <paramref name="kind"/> from its attributes (import format, without id or creation time).</summary>
    public async Task<CaseObject> CreateAsync(ObjectKind kind, JsonObject attributes, Actor actor, CancellationToken ct = default)
    {
        RequireWrite(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        var payload = (JsonObject)attributes.DeepClone();
        payload["id"] = PublicIds.New(CaseObject.PrefixOf(kind));
        payload["created_at"] = now.ToString("O");
        var o = ReadOrThrow(kind, payload, now);
        return await store.WriteAsync(async db =>
        {
            db.Objects.Add(o);
            db.AuditEvents.Add(Created(o, actor, now));
            await db.SaveChangesAsync(ct);
            return o;
        }, ct);
    }

    /// <summary>
    /// Changes the attributes given (a merge: a member replaces the stored one, null removes it). The id, kind and creation time
    /// never change. Refused whole when the result does not fit.
    /// </summary>
    public async Task<CaseObject> UpdateAsync(string id, JsonObject changes, Actor actor, CancellationToken ct = default)
    {
        RequireWrite(actor);
        return await store.WriteAsync(async db =>
        {
            var o = await db.Objects.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Object", id);
            await ApplyAsync(db, o, changes, actor, ct);
            return o;
        }, ct);
    }

    /// <summary>
    /// Updates the object of <paramref name="kind"/> whose reference id is the one given, or creates one when none has it.
    /// Returns the object and whether it was created. Several objects with that reference id (from imports) are a conflict.
    /// </summary>
    public async Task<(CaseObject Object, bool Created)> UpsertAsync(ObjectKind kind, JsonObject attributes, Actor actor, CancellationToken ct = default)
    {
        if (attributes["reference_id"] is not JsonValue r || !r.TryGetValue<string>(out var reference)) return (await CreateAsync(kind, attributes, actor, ct), true);
        RequireWrite(actor);
        // One transaction for the look-up and the write, under a lock on the reference id: two upserts of one reference at the
        // same moment make one object, not two.
        return await store.InTransactionAsync(async () =>
        {
            var updated = await store.WriteAsync(async db =>
            {
                await StoreLocks.LockAsync(db, $"object-reference:{kind}:{reference}", ct);
                var matches = await db.Objects.Where(o => o.Kind == kind && o.ReferenceId == reference).Take(2).ToListAsync(ct);
                if (matches.Count > 1)
                    throw new ConflictException($"Several {kind.ToString().ToLowerInvariant()} objects have reference id '{reference}'; update one by its id.");
                if (matches.Count == 0) return null;
                await ApplyAsync(db, matches[0], attributes, actor, ct);
                return matches[0];
            }, ct);
            return updated is null ? (await CreateAsync(kind, attributes, actor, ct), true) : (updated, false);
        }, ct);
    }

    public async Task<CaseObject?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return await db.Objects.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
    }

    public async Task<IReadOnlyList<CaseObject>> FindManyAsync(IEnumerable<string> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        await using var db = await store.ReadAsync(ct);
        return await db.Objects.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToListAsync(ct);
    }

    /// <summary>Objects of one kind, newest first, optionally with one reference id; keyset-paged by (created, id).</summary>
    public async Task<ObjectSlice> ListAsync(ObjectKind kind, string? referenceId, int size, string? after, string? before, CancellationToken ct = default)
    {
        if (size is < 1 or > MaxPageSize) throw new MalformedInputException("page.size", $"The page size is 1 to {MaxPageSize} (got {size}).");
        if (after is not null && before is not null) throw new MalformedInputException("page.before", "Give page after or page before, not both.");
        await using var db = await store.ReadAsync(ct);
        var q = db.Objects.AsNoTracking().Where(o => o.Kind == kind);
        if (referenceId is not null) q = q.Where(o => o.ReferenceId == referenceId);
        var cursor = after ?? before;
        var forward = before is null;
        var page = q;
        if (cursor is not null)
        {
            var at = await db.Objects.AsNoTracking().Where(o => o.Id == cursor && o.Kind == kind).Select(o => new { o.CreatedAt, o.Id }).SingleOrDefaultAsync(ct)
                ?? throw new MalformedInputException(after is not null ? "page.after" : "page.before", $"'{cursor}' is not a {kind.ToString().ToLowerInvariant()} id to page from.");
            page = forward
                ? page.Where(o => o.CreatedAt <= at.CreatedAt && (o.CreatedAt < at.CreatedAt || string.Compare(o.Id, at.Id) < 0))
                : page.Where(o => o.CreatedAt >= at.CreatedAt && (o.CreatedAt > at.CreatedAt || string.Compare(o.Id, at.Id) > 0));
        }
        var rows = await (forward ? page.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id) : page.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id))
            .Take(size + 1).ToListAsync(ct);
        var more = rows.Count > size;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (!forward) rows.Reverse();
        if (rows.Count == 0) return new ObjectSlice([], null, null);
        var hasPrev = forward ? cursor is not null : more;
        var hasNext = forward ? more : cursor is not null;
        return new ObjectSlice(rows, hasPrev ? rows[0].Id : null, hasNext ? rows[^1].Id : null);
    }

    private async Task ApplyAsync(CasesDbContext db, CaseObject o, JsonObject changes, Actor actor, CancellationToken ct)
    {
        var payload = JsonNode.Parse(o.PayloadJson) as JsonObject ?? [];
        var changed = new List<string>();
        foreach (var (name, value) in changes)
        {
            if (name is "id" or "created_at") continue;
            if (JsonNode.DeepEquals(payload[name], value)) continue;
            if (value is null) payload.Remove(name); else payload[name] = value.DeepClone();
            changed.Add(name);
        }
        if (changed.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var next = ReadOrThrow(o.Kind, payload, now);
        foreach (var p in o.GetType().GetProperties().Where(p => p.CanWrite && p.Name is not (nameof(CaseObject.Id) or nameof(CaseObject.Kind) or nameof(CaseObject.CreatedAt))))
            p.SetValue(o, p.GetValue(next));
        db.AuditEvents.Add(AuditEvent.By(actor, now, ObjectEventTypes.Updated(o.Kind), subject: ObjectEventTypes.Subject(o.Id),
            field: "status", newValue: o.Status, detail: $"Changed {string.Join(", ", changed)}"));
        await db.SaveChangesAsync(ct);
    }

    private static CaseObject ReadOrThrow(ObjectKind kind, JsonObject payload, DateTime now)
    {
        var problems = new List<Problem>();
        var element = JsonSerializer.SerializeToElement(payload);
        var o = ObjectReader.Read(kind, element, "attributes", now, problems);
        if (o is null) throw new ValidationException(problems);
        o.PayloadJson = element.GetRawText();
        return o;
    }

    private static void RequireWrite(Actor actor)
    {
        if (!actor.CanWork) throw new ForbiddenException("Only analysts, leads and admins can create or change objects.");
    }

    private static AuditEvent Created(CaseObject o, Actor actor, DateTime at) =>
        AuditEvent.By(actor, at, ObjectEventTypes.Created(o.Kind), subject: ObjectEventTypes.Subject(o.Id), field: "status", newValue: o.Status);
}
