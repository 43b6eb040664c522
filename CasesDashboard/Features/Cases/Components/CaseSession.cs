using System.Text.Json;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Cases.Components;

/// <summary>
/// UI state of one open case page, cascaded to its panels: the view as read, the reader, unsaved input edits
/// (with the version they were based on) and the problems of the last refused change. No business rules here.
/// </summary>
public sealed class CaseSession(CaseView view, Actor actor, Func<Func<Actor, Task>, string, Task<bool>> run)
{
    public CaseView View { get; set; } = view;
    public Actor Actor { get; } = actor;

    /// <summary>Input edits not saved yet. They survive reloads so nothing typed is lost.</summary>
    public Dictionary<string, JsonElement> Drafts { get; } = [];
    /// <summary>The case version the drafts were made on; saving them checks it, so another person's change is never overwritten.</summary>
    public long? DraftBaseVersion { get; private set; }
    public IReadOnlyList<Problem> Problems { get; set; } = [];

    public void SetDraft(string key, JsonElement value)
    {
        DraftBaseVersion ??= View.Version;
        Drafts[key] = value;
    }

    public void ClearDrafts()
    {
        Drafts.Clear();
        DraftBaseVersion = null;
    }

    public JsonElement? ValueOf(string key) => Drafts.TryGetValue(key, out var d) ? d : View.Field(key);

    public string? ProblemFor(string path) => Problems.FirstOrDefault(p => p.Path == path)?.Message;

    /// <summary>Runs a change for the reader; on success shows <paramref name="success"/> and reloads, on refusal shows why.</summary>
    public Task<bool> RunAsync(Func<Actor, Task> change, string success) => run(change, success);
}
