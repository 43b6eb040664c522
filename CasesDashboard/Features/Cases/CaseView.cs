using System.Text.Json;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>Everything the case page shows, read in one go, with what the reader may do.</summary>
public sealed record CaseView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required long Version { get; init; }
    public required string TemplateKey { get; init; }
    public required int TemplateVersion { get; init; }
    public required TemplateDefinition Definition { get; init; }
    public required StatusDefinition Status { get; init; }
    public required CasePriority Priority { get; init; }
    public string? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }
    public string? AssignerName { get; init; }
    public DateTime? AssignedAt { get; init; }
    public required string CreatorName { get; init; }
    public required string CreatorType { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string UpdatedByName { get; init; }
    public required DateTime SlaExpiresAt { get; init; }
    /// <summary>When the first assignment is due under the SLA policy (null: no such target).</summary>
    public DateTime? AssignmentDueAt { get; init; }
    public required Sla.SlaInfo Sla { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public string? ResolutionLabel { get; init; }
    public string? ResolverName { get; init; }
    public required IReadOnlyDictionary<string, JsonElement> Fields { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<CaseComment> Comments { get; init; }
    public required IReadOnlyList<ExternalDocument> ExternalData { get; init; }
    public required IReadOnlyList<LinkedObject> Objects { get; init; }
    public required IReadOnlyList<AuditEvent> Timeline { get; init; }
    /// <summary>When the case's personal data was erased (null: never).</summary>
    public DateTime? RedactedAt { get; init; }
    /// <summary>The queue the case waits in (null: none) and whether a lead or the API placed it there (routing leaves it).</summary>
    public Queues.QueueInfo? Queue { get; init; }
    public bool QueuePinned { get; init; }
    public required CaseAbilities Can { get; init; }

    public bool IsResolved => Status.Type == StatusType.End;
    /// <summary>What panel rules look at: field values and linked objects.</summary>
    public CaseFacts Facts => new(Fields, Objects.Select(o => o.Object).ToList());
    public JsonElement? Field(string key) => Fields.TryGetValue(key, out var v) ? v : null;

    /// <summary>The newest external document of a name (older ones stay listed, never replaced).</summary>
    public ExternalDocument? Document(string name) => ExternalData.Where(d => d.Name == name).MaxBy(d => d.Id);
}

public sealed record LinkedObject(CaseObject Object, IReadOnlyList<CaseLinkRef> OtherCases);

public sealed record CaseLinkRef(string Id, string Name);

/// <summary>One of the template's action buttons for this reader: may they press it (or why not), and what it needs first.</summary>
public sealed record ActionAbility(string Key, Ability Press, IReadOnlyList<ActionNeed> Needs)
{
    /// <summary>"Needs: Decision reason, a comment" — what the button asks for before it is pressed; empty when nothing.</summary>
    public string NeedsText => Needs.Count == 0 ? "" : "Needs " + Common.Wording.List(Needs.Select(n => n.Filled ? $"{n.What} ✓" : n.What));
}

/// <summary>Something an action requires: a field (filled already or not) or a comment.</summary>
public sealed record ActionNeed(string What, bool Filled);

/// <summary>What the current reader may do on this case, and why not (computed by <see cref="CasePermissions"/>).</summary>
public sealed record CaseAbilities(Ability Work, Ability Comment, Ability Tag, Ability AssignSelf, Ability UnassignSelf, Ability AssignAnyone,
    Ability Reopen, IReadOnlyList<ActionAbility> Actions)
{
    /// <summary>Setting the SLA due time by hand (leads and admins, open cases).</summary>
    public Ability SetSla { get; init; } = Ability.No("The SLA due time cannot be set here.");
    /// <summary>Put the case in another queue (or none), or back to routing.</summary>
    public Ability MoveQueue { get; init; } = Ability.No("Only leads and admins can move cases between queues.");

    public ActionAbility? Action(string key) => Actions.FirstOrDefault(a => a.Key == key);

    /// <summary>Nothing may be done, for <paramref name="why"/> (a preview, a read-only rendering).</summary>
    public static CaseAbilities ReadOnly(string why)
    {
        var no = Ability.No(why);
        return new(no, no, no, no, no, no, no, []) { MoveQueue = no };
    }
}
