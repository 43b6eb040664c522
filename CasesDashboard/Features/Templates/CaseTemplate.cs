namespace CasesDashboard.Features.Templates;

/// <summary>A case template: the identity and the per-template case-name sequence. Content lives in versions.</summary>
public sealed class CaseTemplate
{
    public int Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public int CurrentVersion { get; set; }
    /// <summary>The number the next case of this template gets in its name <c>KEY-n</c>.</summary>
    public int NextSequence { get; set; } = 1;
    public bool Archived { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// Moves with every edit of the template (draft saved or discarded, version published, archived): an optimistic token, so two
    /// edits of one template at the same moment never both go through, on either store.
    /// </summary>
    public long EditVersion { get; set; }
    public List<CaseTemplateVersion> Versions { get; set; } = [];

    /// <summary>Records an edit (see <see cref="EditVersion"/>).</summary>
    public void Touch() => EditVersion++;
}

/// <summary>One published, immutable version of a template's definition.</summary>
public sealed class CaseTemplateVersion
{
    public int Id { get; set; }
    public int CaseTemplateId { get; set; }
    public int Version { get; set; }
    public string DefinitionJson { get; set; } = "{}";
    public DateTime PublishedAt { get; set; }
    public string PublishedBy { get; set; } = "";
}

/// <summary>An admin's unpublished edits of a template (one per template). Publishing turns it into a version.</summary>
public sealed class CaseTemplateDraft
{
    public int CaseTemplateId { get; set; }
    public string DefinitionJson { get; set; } = "{}";
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
