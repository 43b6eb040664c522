using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Templates.Components;

/// <summary>
/// The template being edited, cascaded to the section editors: a working copy of the draft, the problems of the
/// last save (shown next to the control whose path they name), and whether the reader may edit.
/// </summary>
public sealed class EditorContext(TemplateDefinition definition, bool canEdit, Action changed)
{
    public TemplateDefinition Definition { get; set; } = definition;
    public bool CanEdit { get; } = canEdit;
    public bool Dirty { get; private set; }
    public IReadOnlyList<Problem> Problems { get; set; } = [];

    public string? ProblemAt(string path) =>
        Problems.Where(p => p.Path == path).Select(p => p.Message).FirstOrDefault() is { } m ? m : null;

    /// <summary>Problems at this path or below it (e.g. everything about one field).</summary>
    public IEnumerable<Problem> ProblemsUnder(string path) => Problems.Where(p => p.Path == path || p.Path.StartsWith(path + ".") || p.Path.StartsWith(path + "["));

    public void Changed()
    {
        Dirty = true;
        changed();
    }

    public void Saved() => Dirty = false;

    /// <summary>Moves an item of a list one place up (-1) or down (+1).</summary>
    public void Move<T>(List<T> list, int index, int delta)
    {
        var to = index + delta;
        if (to < 0 || to >= list.Count) return;
        (list[index], list[to]) = (list[to], list[index]);
        Changed();
    }

    public void Remove<T>(List<T> list, int index)
    {
        list.RemoveAt(index);
        Changed();
    }
}
