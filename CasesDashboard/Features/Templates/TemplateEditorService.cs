using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Templates;

/// <summary>What a reader may do in the template editor, and why not.</summary>
public sealed record TemplateEditorAbilities(bool Edit, string? WhyNotEdit, bool Migrate);

public sealed record TemplateListItem(string Key, string Name, int CurrentVersion, bool Archived, bool HasDraft, DateTime CreatedAt);

/// <summary>
/// What the editor works on: the draft (or the current version when there is none) and what stops it being published.
/// <see cref="Revision"/> changes whenever the draft is saved or discarded or a version is published; a save that names
/// the revision it started from is refused when someone else got there first.
/// </summary>
public sealed record TemplateDraft(string Key, int CurrentVersion, bool Archived, TemplateDefinition Definition, bool HasDraft,
    DateTime? UpdatedAt, string? UpdatedBy, IReadOnlyList<Problem> Problems, string Revision);

/// <summary>
/// Admins edit templates in the browser: a draft per template, saved freely and validated on every save, published
/// as a new immutable version only when it has no problems. Every step is audited under <c>template:KEY</c>.
/// </summary>
public sealed class TemplateEditorService(CasesStore store, TemplateService templates, TimeProvider clock)
{
    /// <summary>The largest template file the import accepts.</summary>
    public const int MaxImportBytes = 1_048_576;

    public static TemplateEditorAbilities AbilitiesOf(Actor actor) => new(
        actor.IsAdmin, actor.IsAdmin ? null : "Only admins can change templates; leads can read them and migrate cases.", actor.IsLead);

    /// <summary>Refuses an import file over <see cref="MaxImportBytes"/> before it is read, naming its size.</summary>
    public static void RequireImportSize(string fileName, long bytes)
    {
        if (bytes > MaxImportBytes)
            throw new ValidationException("file", $"{fileName} is {bytes:N0} bytes; a template import is at most {MaxImportBytes:N0}.");
    }

    public async Task<IReadOnlyList<TemplateListItem>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var drafts = await db.CaseTemplateDrafts.Select(d => d.CaseTemplateId).ToListAsync(ct);
        return (await db.CaseTemplates.AsNoTracking().OrderBy(t => t.Archived).ThenBy(t => t.Name).ToListAsync(ct))
            .Select(t => new TemplateListItem(t.Key, t.Name, t.CurrentVersion, t.Archived, drafts.Contains(t.Id), t.CreatedAt)).ToList();
    }

    public async Task<TemplateDraft> GetDraftAsync(string key, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var t = await db.CaseTemplates.AsNoTracking().SingleOrDefaultAsync(x => x.Key == key, ct) ?? throw new NotFoundException("Template", key);
        var draft = await db.CaseTemplateDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.CaseTemplateId == t.Id, ct);
        var definition = draft is not null ? Json.Deserialize<TemplateDefinition>(draft.DefinitionJson)
            : Json.Deserialize<TemplateDefinition>(Json.Serialize(await templates.GetDefinitionAsync(t.Id, t.CurrentVersion, ct)));
        return new TemplateDraft(t.Key, t.CurrentVersion, t.Archived, definition, draft is not null, draft?.UpdatedAt, draft?.UpdatedBy,
            TemplateValidator.Validate(definition), RevisionOf(t.CurrentVersion, draft?.DefinitionJson));
    }

    /// <summary>
    /// Saves the admin's edits as the draft, whatever their state; the problems come back for the editor to show. With
    /// <paramref name="expectedRevision"/> (the <see cref="TemplateDraft.Revision"/> the editor opened), a draft that another
    /// admin saved, discarded or published since is not overwritten: the save is refused with who did it and when.
    /// </summary>
    public async Task<TemplateDraft> SaveDraftAsync(string key, TemplateDefinition definition, Actor actor, CancellationToken ct = default,
        string? expectedRevision = null)
    {
        RequireAdmin(actor);
        definition.Key = key;
        var before = await GetDraftAsync(key, ct);
        var json = Json.Serialize(definition);
        await store.WriteAsync(async db =>
        {
            var t = await db.CaseTemplates.SingleAsync(x => x.Key == key, ct);
            t.Touch();
            var draft = await db.CaseTemplateDrafts.SingleOrDefaultAsync(d => d.CaseTemplateId == t.Id, ct);
            await RequireRevisionAsync(db, t, draft?.DefinitionJson, expectedRevision, ct);
            if (draft is null) db.CaseTemplateDrafts.Add(draft = new CaseTemplateDraft { CaseTemplateId = t.Id });
            (draft.DefinitionJson, draft.UpdatedAt, draft.UpdatedBy) = (json, Now, actor.Name);
            Audit(db, key, "template.draft-saved", actor, $"draft of v{t.CurrentVersion + 1}", string.Join(", ", ChangedSections(before.Definition, definition)));
            return 0;
        }, ct);
        return await GetDraftAsync(key, ct);
    }

    /// <summary>
    /// Publishes the draft — or <paramref name="edits"/>, the editor's unsaved working copy — as the next version, in one
    /// transaction with dropping the draft, so a draft another admin saves meanwhile is never lost: with
    /// <paramref name="expectedRevision"/>, a template that moved on since the editor opened it is refused with who and when.
    /// Refused, with every problem, while the definition would break cases. A definition identical to the current version
    /// publishes nothing (outcome <see cref="ImportOutcome.Unchanged"/>) and the draft is dropped.
    /// </summary>
    public async Task<TemplateImportResult> PublishAsync(string key, Actor actor, CancellationToken ct = default,
        TemplateDefinition? edits = null, string? expectedRevision = null)
    {
        RequireAdmin(actor);
        try
        {
            return await store.WriteAsync(async db =>
            {
                var t = await db.CaseTemplates.SingleOrDefaultAsync(x => x.Key == key, ct) ?? throw new NotFoundException("Template", key);
                var draft = await db.CaseTemplateDrafts.SingleOrDefaultAsync(d => d.CaseTemplateId == t.Id, ct);
                await RequireRevisionAsync(db, t, draft?.DefinitionJson, expectedRevision, ct);
                t.Touch();
                var definition = edits ?? (draft is null ? null : Json.Deserialize<TemplateDefinition>(draft.DefinitionJson))
                    ?? throw new ValidationException("draft", $"{key} has no unpublished changes.");
                definition.Key = key;
                var current = t.CurrentVersion == 0 ? null : await templates.GetDefinitionAsync(t.Id, t.CurrentVersion, ct);
                var changed = current is null ? null : string.Join(", ", ChangedSections(current, definition));
                var result = await templates.PublishInAsync(db, definition, actor, ct, detail: string.IsNullOrEmpty(changed) ? null : $"changed {changed}");
                if (draft is not null) db.CaseTemplateDrafts.Remove(draft);
                return result;
            }, ct);
        }
        finally { templates.Invalidate(); }
    }

    /// <summary>Drops the draft; with <paramref name="expectedRevision"/>, refused when the draft changed since the caller read it.</summary>
    public async Task DiscardDraftAsync(string key, Actor actor, CancellationToken ct = default, string? expectedRevision = null)
    {
        RequireAdmin(actor);
        await store.WriteAsync(async db =>
        {
            var t = await db.CaseTemplates.SingleOrDefaultAsync(x => x.Key == key, ct) ?? throw new NotFoundException("Template", key);
            if (t.CurrentVersion == 0) throw new ValidationException("draft", $"{key} has never been published; archive it instead.");
            t.Touch();
            if (expectedRevision is not null)
                await RequireRevisionAsync(db, t, await db.CaseTemplateDrafts.Where(d => d.CaseTemplateId == t.Id).Select(d => d.DefinitionJson).SingleOrDefaultAsync(ct),
                    expectedRevision, ct);
            await db.CaseTemplateDrafts.Where(d => d.CaseTemplateId == t.Id).ExecuteDeleteAsync(ct);
            Audit(db, key, "template.draft-discarded", actor, $"draft of v{t.CurrentVersion + 1}", null);
            return 0;
        }, ct);
    }

    /// <summary>A new template with a minimal starting definition (one initial and one end status, an overview tab), as a draft.</summary>
    public Task<TemplateDraft> CreateAsync(string key, string name, Actor actor, CancellationToken ct = default) =>
        CreateFromAsync(Starter(TemplateValidator.NormalizeTemplateKey(key), name.Trim()), actor, "template.created", ct);

    /// <summary>A new template that starts as a copy of another's draft (or current version).</summary>
    public async Task<TemplateDraft> CopyAsync(string fromKey, string key, string name, Actor actor, CancellationToken ct = default)
    {
        var source = (await GetDraftAsync(fromKey, ct)).Definition;
        (source.Key, source.Name) = (TemplateValidator.NormalizeTemplateKey(key), name.Trim());
        return await CreateFromAsync(source, actor, $"template.copied", ct, $"from {fromKey}");
    }

    public async Task SetArchivedAsync(string key, bool archived, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await store.WriteAsync(async db =>
        {
            var t = await db.CaseTemplates.SingleOrDefaultAsync(x => x.Key == key, ct) ?? throw new NotFoundException("Template", key);
            if (t.Archived == archived) return 0;
            t.Archived = archived;
            t.Touch();
            Audit(db, key, archived ? "template.archived" : "template.restored", actor, null, null);
            return 0;
        }, ct);
        templates.Invalidate();
    }

    /// <summary>A version (default: current) as JSON in the seed-data/ format.</summary>
    public async Task<string> ExportAsync(string key, int? version = null, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        var t = await db.CaseTemplates.AsNoTracking().SingleOrDefaultAsync(x => x.Key == key, ct) ?? throw new NotFoundException("Template", key);
        if (t.CurrentVersion == 0) throw new ValidationException("version", $"{key} has no published version yet.");
        if (version < 1 || version > t.CurrentVersion) throw new NotFoundException("Template version", $"{key} v{version}");
        return System.Text.Json.JsonSerializer.Serialize(await templates.GetDefinitionAsync(t.Id, version ?? t.CurrentVersion, ct), Json.Indented);
    }

    /// <summary>Imports a template from JSON text (seed-data/ format): refused with every problem by path, or published.</summary>
    public async Task<TemplateImportResult> ImportJsonAsync(string text, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        RequireImportSize("The template", System.Text.Encoding.UTF8.GetByteCount(text));
        using var doc = Json.ParseUserJson(text, "json");
        TemplateDefinition definition;
        try { definition = Json.Deserialize<TemplateDefinition>(doc.RootElement.GetRawText()); }
        catch (System.Text.Json.JsonException e) { throw new ValidationException(e.Path?.TrimStart('$', '.') ?? "json", e.Message.Split(" Path:")[0]); }
        return await templates.ImportAsync(definition, actor, ct);
    }

    public static TemplateDefinition Starter(string key, string name) => new()
    {
        Key = key, Name = name,
        Statuses =
        [
            new() { Key = "open", Label = "Open", Type = StatusType.Initial, Color = "info" },
            new() { Key = "closed", Label = "Closed", Type = StatusType.End, Color = "success" },
        ],
        Layout =
        [
            new() { Title = "Overview", Panels = [new() { Kind = PanelKind.Info, Title = "Case" }, new() { Kind = PanelKind.Comments, Title = "Comments" }] },
            new() { Title = "Activity", Panels = [new() { Kind = PanelKind.Timeline, Title = "Timeline" }] },
        ],
        Actions = [new() { Key = "close", Label = "Close", Color = "success", TargetStatus = "closed" }],
    };

    private async Task<TemplateDraft> CreateFromAsync(TemplateDefinition definition, Actor actor, string eventType, CancellationToken ct, string? detail = null)
    {
        RequireAdmin(actor);
        var keyProblems = TemplateValidator.Validate(definition).Where(p => p.Path is "key" or "name").ToList();
        if (keyProblems.Count > 0) throw new ValidationException(keyProblems);
        await store.WriteAsync(async db =>
        {
            if (await db.CaseTemplates.AnyAsync(t => t.Key == definition.Key, ct))
                throw new ValidationException("key", $"A template with key {definition.Key} already exists.");
            var t = db.CaseTemplates.Add(new CaseTemplate { Key = definition.Key, Name = definition.Name, CreatedAt = Now }).Entity;
            await db.SaveChangesAsync(ct);
            db.CaseTemplateDrafts.Add(new CaseTemplateDraft { CaseTemplateId = t.Id, DefinitionJson = Json.Serialize(definition), UpdatedAt = Now, UpdatedBy = actor.Name });
            Audit(db, definition.Key, eventType, actor, "draft of v1", detail);
            return 0;
        }, ct);
        return await GetDraftAsync(definition.Key, ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void Audit(CasesDbContext db, string key, string type, Actor actor, string? field, string? detail) =>
        db.AuditEvents.Add(AuditEvent.By(actor, Now, type, subject: $"template:{key}", field: field, detail: detail));

    private static string RevisionOf(int currentVersion, string? draftJson) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{currentVersion}\n{draftJson}")))[..16];

    /// <summary>Refuses, naming the latest step (what, by whom, when), when the template moved on from <paramref name="expected"/>.</summary>
    private static async Task RequireRevisionAsync(CasesDbContext db, CaseTemplate t, string? draftJson, string? expected, CancellationToken ct)
    {
        if (expected is null || expected == RevisionOf(t.CurrentVersion, draftJson)) return;
        var last = await db.AuditEvents.AsNoTracking().Where(e => e.Subject == $"template:{t.Key}").OrderByDescending(e => e.Id).FirstAsync(ct);
        var what = TemplateHistoryEntry.From(last).What;
        throw new ConflictException($"The {t.Key} template was changed since you opened it: {char.ToLowerInvariant(what[0])}{what[1..]} by "
            + $"{last.ActorName} at {last.At:yyyy-MM-dd HH:mm:ss} UTC — reload to see it. Your edits here were not saved.");
    }

    private static IEnumerable<string> ChangedSections(TemplateDefinition a, TemplateDefinition b)
    {
        if (Json.Serialize(a.Statuses) != Json.Serialize(b.Statuses)) yield return "statuses";
        if (Json.Serialize(a.Fields) != Json.Serialize(b.Fields)) yield return "fields";
        if (Json.Serialize(a.Layout) != Json.Serialize(b.Layout)) yield return "layout";
        if (Json.Serialize(a.Actions) != Json.Serialize(b.Actions)) yield return "actions";
        if (a.Name != b.Name || a.Description != b.Description || a.DefaultPriority != b.DefaultPriority || a.SlaHours != b.SlaHours
            || a.DefaultQueue != b.DefaultQueue || Json.Serialize(a.VisibleToRoles) != Json.Serialize(b.VisibleToRoles)) yield return "general";
    }

    private static void RequireAdmin(Actor actor)
    {
        if (AbilitiesOf(actor) is { Edit: false } a) throw new ForbiddenException(a.WhyNotEdit!);
    }
}
