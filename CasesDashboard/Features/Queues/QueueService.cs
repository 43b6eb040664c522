using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Queues;

/// <summary>A queue as the admin editor opens it: what it holds, what is wrong with it now, and the revision a save must name.</summary>
public sealed record QueueEdit(QueueInfo Queue, QueueDefinition Definition, IReadOnlyList<Problem> Problems);

/// <summary>
/// Admins manage queues: create, edit (name, description, members, routing conditions, order, assignment policy), reorder,
/// archive and restore; the seed imports queues through the same checks. Every save is validated whole (every problem by path),
/// names the revision its editor opened — another admin's save since is refused with who and when — and is audited under
/// <c>queue:&lt;id&gt;</c> (the assignment policies read those events).
/// </summary>
public sealed class QueueService(CasesStore store, QueueDirectory queues, TemplateService templates, UserDirectory users, TimeProvider clock)
{
    public static Ability CanEdit(Actor actor) => actor.IsAdmin ? Ability.Yes : Ability.No("Only admins can change queues.");

    /// <summary>Every queue, archived ones included, in routing order.</summary>
    public Task<IReadOnlyList<QueueInfo>> ListAsync(CancellationToken ct = default) => queues.AllAsync(ct);

    /// <summary>Every queue with what is wrong with it now (a field or template its conditions name may have gone since).</summary>
    public async Task<IReadOnlyList<QueueEdit>> OverviewAsync(CancellationToken ct = default)
    {
        var all = await queues.AllAsync(ct);
        await using var db = await store.ReadAsync(ct);
        var context = await ContextAsync(db, ct);
        return all.Select(q => new QueueEdit(q, QueueDefinition.Of(q), QueueValidator.Validate(QueueDefinition.Of(q), q.PublicId, context))).ToList();
    }

    /// <summary>A key for a new queue made from its name: lower-case words joined by '-', unique among the queues.</summary>
    public async Task<string> KeyFromNameAsync(string name, CancellationToken ct = default)
    {
        var key = string.Join('-', new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        key = key.Length > 0 && char.IsAsciiLetter(key[0]) ? key : $"queue-{key}".TrimEnd('-');
        key = key[..Math.Min(key.Length, 34)];
        var taken = (await queues.AllAsync(ct)).Select(q => q.Key).ToHashSet();
        var candidate = key;
        for (var n = 2; taken.Contains(candidate); n++) candidate = $"{key}-{n}";
        return candidate;
    }

    /// <summary>The queue with what is wrong with it now (a field or template its conditions name may have gone since it was saved).</summary>
    public async Task<QueueEdit> GetAsync(string publicId, CancellationToken ct = default)
    {
        var queue = await queues.GetAsync(publicId, ct);
        var definition = QueueDefinition.Of(queue);
        return new QueueEdit(queue, definition, await ValidateAsync(definition, publicId, ct));
    }

    /// <summary>Every problem of <paramref name="definition"/> (for a new queue when <paramref name="publicId"/> is null).</summary>
    public async Task<IReadOnlyList<Problem>> ValidateAsync(QueueDefinition definition, string? publicId = null, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return QueueValidator.Validate(definition, publicId, await ContextAsync(db, ct));
    }

    public async Task<QueueInfo> CreateAsync(QueueDefinition definition, Actor actor, CancellationToken ct = default)
    {
        CanEdit(actor).Require();
        var publicId = await WriteAsync(async db =>
        {
            Check(definition, null, await ContextAsync(db, ct));
            var now = Now;
            var queue = new Queue
            {
                PublicId = PublicIds.New("cq_"), Key = definition.Key, CreatedAt = now,
                Position = (await db.Queues.MaxAsync(q => (int?)q.Position, ct) ?? 0) + 1,
            };
            Apply(queue, definition, actor, now);
            db.Queues.Add(queue);
            db.AuditEvents.Add(AuditEvent.By(actor, now, "queue.created", subject: Subject(queue.PublicId), field: "name", newValue: queue.Name));
            return queue.PublicId;
        }, ct);
        return await queues.GetAsync(publicId, ct);
    }

    /// <summary>
    /// Saves <paramref name="definition"/> over the queue. Refused with every problem, or — when another admin saved since the
    /// editor opened revision <paramref name="expectedRevision"/> — with who saved and when; nothing is written then.
    /// </summary>
    public async Task<QueueInfo> SaveAsync(string publicId, QueueDefinition definition, long expectedRevision, Actor actor, CancellationToken ct = default)
    {
        CanEdit(actor).Require();
        await WriteAsync(async db =>
        {
            var queue = await db.Queues.Include(q => q.Members).SingleOrDefaultAsync(q => q.PublicId == publicId, ct) ?? throw new NotFoundException("Case queue", publicId);
            if (queue.Revision != expectedRevision)
                throw new ConflictException($"{queue.Name} was changed by {queue.UpdatedBy} at {queue.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC since you opened it; "
                    + "nothing was saved. Reload to see their change.");
            Check(definition, publicId, await ContextAsync(db, ct));
            var changed = Changes(QueueDefinition.Of(QueueDirectory.ToInfo(queue)), definition);
            if (changed.Count == 0) return 0;
            Apply(queue, definition, actor, Now);
            db.AuditEvents.Add(AuditEvent.By(actor, Now, "queue.updated", subject: Subject(publicId), field: "settings", detail: $"changed {Wording.List(changed)}"));
            return 0;
        }, ct);
        return await queues.GetAsync(publicId, ct);
    }

    /// <summary>Moves the queue up (negative) or down in routing order, swapping places with its neighbour.</summary>
    public Task MoveAsync(string publicId, int direction, Actor actor, CancellationToken ct = default)
    {
        CanEdit(actor).Require();
        return WriteAsync(async db =>
        {
            var all = await db.Queues.OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(ct);
            var i = all.FindIndex(q => q.PublicId == publicId);
            if (i < 0) throw new NotFoundException("Case queue", publicId);
            var j = i + Math.Sign(direction);
            if (j < 0 || j >= all.Count) return 0;
            for (var k = 0; k < all.Count; k++) all[k].Position = k + 1;
            (all[i].Position, all[j].Position) = (all[j].Position, all[i].Position);
            db.AuditEvents.Add(AuditEvent.By(actor, Now, "queue.moved", subject: Subject(publicId), field: "position",
                oldValue: (i + 1).ToString(), newValue: (j + 1).ToString()));
            return 0;
        }, ct);
    }

    /// <summary>Archives a queue (routing and Next case pass it by) — refused while it holds open cases — or restores it.</summary>
    public Task ArchiveAsync(string publicId, bool archived, Actor actor, CancellationToken ct = default)
    {
        CanEdit(actor).Require();
        return WriteAsync(async db =>
        {
            var queue = await db.Queues.SingleOrDefaultAsync(q => q.PublicId == publicId, ct) ?? throw new NotFoundException("Case queue", publicId);
            if (queue.Archived == archived) return 0;
            var open = archived ? await QueueOrders.Open(db.Cases, queue.Id).CountAsync(ct) : 0;
            if (open > 0)
                throw new ValidationException("archived", $"{queue.Name} still holds {open:N0} open cases; move or resolve them before archiving it.");
            (queue.Archived, queue.Revision, queue.UpdatedAt, queue.UpdatedBy) = (archived, queue.Revision + 1, Now, actor.Name);
            db.AuditEvents.Add(AuditEvent.By(actor, Now, archived ? "queue.archived" : "queue.restored", subject: Subject(publicId)));
            return 0;
        }, ct);
    }

    /// <summary>
    /// Imports a queue of <c>seed-data/queues.json</c> unless one with its key exists (an admin may have changed it since):
    /// members by email (unknown emails are left out), checked like any save.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(QueueImportDocument doc, Actor actor, CancellationToken ct = default)
    {
        if ((await queues.AllAsync(ct)).Any(q => q.Key == doc.Key)) return ImportOutcome.Unchanged;
        var people = await users.AllAsync(ct);
        await CreateAsync(new QueueDefinition
        {
            Key = doc.Key, Name = doc.Name, Description = doc.Description, Conditions = doc.Conditions?.GetRawText(), SortOrder = doc.SortOrder,
            Policy = doc.Policy, MaxOpenPerAnalyst = doc.MaxOpenPerAnalyst, SkipAway = doc.SkipAway,
            MemberIds = doc.Members.Select(e => people.FirstOrDefault(u => string.Equals(u.Email, e, StringComparison.OrdinalIgnoreCase))?.Id)
                .OfType<string>().ToList(),
        }, actor, ct);
        return ImportOutcome.Created;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Subject(string publicId) => $"queue:{publicId}";

    private async Task<T> WriteAsync<T>(Func<CasesDbContext, Task<T>> work, CancellationToken ct)
    {
        try { return await store.WriteAsync(work, ct); }
        finally { queues.Invalidate(); }
    }

    private async Task<QueueCheckContext> ContextAsync(CasesDbContext db, CancellationToken ct) =>
        new(db, await templates.ListAsync(ct), await users.AllAsync(ct), await queues.AllAsync(ct));

    private static void Check(QueueDefinition definition, string? publicId, QueueCheckContext context)
    {
        var problems = QueueValidator.Validate(definition, publicId, context);
        if (problems.Count > 0) throw new ValidationException(problems);
    }

    private static void Apply(Queue queue, QueueDefinition d, Actor actor, DateTime now)
    {
        queue.Name = d.Name.Trim();
        queue.Description = string.IsNullOrWhiteSpace(d.Description) ? null : d.Description.Trim();
        queue.ConditionsJson = string.IsNullOrWhiteSpace(d.Conditions) ? null : CasePredicateJson.Write(CasePredicateJson.Parse(d.Conditions, "conditions"));
        (queue.SortOrder, queue.Policy, queue.MaxOpenPerAnalyst, queue.SkipAway) = (d.SortOrder, d.Policy, d.MaxOpenPerAnalyst, d.SkipAway);
        queue.Members.RemoveAll(m => !d.MemberIds.Contains(m.UserId));
        foreach (var id in d.MemberIds.Where(id => queue.Members.All(m => m.UserId != id)))
            queue.Members.Add(new QueueMember { UserId = id, AddedAt = now });
        foreach (var m in queue.Members) m.Position = d.MemberIds.IndexOf(m.UserId);
        (queue.Revision, queue.UpdatedAt, queue.UpdatedBy) = (queue.Revision + 1, now, actor.Name);
    }

    /// <summary>The sections an edit changes, for the audit trail.</summary>
    private static List<string> Changes(QueueDefinition before, QueueDefinition after)
    {
        var changed = new List<string>();
        void If(bool differs, string section) { if (differs) changed.Add(section); }
        If(before.Name != after.Name.Trim(), "name");
        If((before.Description ?? "") != (after.Description?.Trim() ?? ""), "description");
        If(Normal(before.Conditions) != Normal(after.Conditions), "routing conditions");
        If(before.SortOrder != after.SortOrder, "order");
        If(before.Policy != after.Policy || before.MaxOpenPerAnalyst != after.MaxOpenPerAnalyst || before.SkipAway != after.SkipAway, "assignment policy");
        If(!before.MemberIds.SequenceEqual(after.MemberIds), "members");
        return changed;
    }

    private static string Normal(string? conditions) =>
        string.IsNullOrWhiteSpace(conditions) ? "" : CasePredicateJson.Write(CasePredicateJson.Parse(conditions, "conditions"));
}
