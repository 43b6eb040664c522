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
    public DateTime? ResolvedAt { get; init; }
    public string? ResolutionLabel { get; init; }
    public string? ResolverName { get; init; }
    public required IReadOnlyDictionary<string, JsonElement> Fields { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<CaseComment> Comments { get; init; }
    public required IReadOnlyList<ExternalDocument> ExternalData { get; init; }
    public required IReadOnlyList<LinkedObject> Objects { get; init; }
    public required IReadOnlyList<AuditEvent> Timeline { get; init; }
    public required CaseAbilities Can { get; init; }

    public bool IsResolved => Status.Type == StatusType.End;
    public JsonElement? Field(string key) => Fields.TryGetValue(key, out var v) ? v : null;

    /// <summary>The newest external document of a name (older ones stay listed, never replaced).</summary>
    public ExternalDocument? Document(string name) => ExternalData.Where(d => d.Name == name).MaxBy(d => d.Id);
}

public sealed record LinkedObject(CaseObject Object, IReadOnlyList<CaseLinkRef> OtherCases);

public sealed record CaseLinkRef(string Id, string Name);

/// <summary>What the current reader may do on this case (computed by <see cref="CasePermissions"/>).</summary>
public sealed record CaseAbilities(bool Work, bool Comment, bool Tag, bool AssignSelf, bool AssignAnyone, bool Reopen, IReadOnlySet<string> Actions)
{
    public static readonly CaseAbilities None = new(false, false, false, false, false, false, new HashSet<string>());
}
