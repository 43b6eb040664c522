using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Cases;

/// <summary>A case with its history, in the import format of <c>seed-data/cases.json</c>.</summary>
public sealed class CaseImportDocument
{
    public string Template { get; set; } = "";
    public DateTime? CreatedAt { get; set; }
    public double? CreatedHoursAgo { get; set; }
    public string CreatedBy { get; set; } = "import";
    public CasePriority? Priority { get; set; }
    public string? Assignee { get; set; }
    public DateTime? AssignAt { get; set; }
    public double? AssignHoursAgo { get; set; }
    public Dictionary<string, JsonElement> Fields { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<string> Objects { get; set; } = [];
    public List<ImportedDocument> ExternalData { get; set; } = [];
    public List<ImportedComment> Comments { get; set; } = [];
    public List<ImportedStep> Steps { get; set; } = [];
}

public sealed record ImportedDocument(string Name, string Source, JsonElement Data);

public sealed record ImportedComment(string Author, string Body, DateTime? At = null, double? HoursAgo = null);

/// <summary>An action button pressed by a user (by email) at a time, as in the case's history.</summary>
public sealed record ImportedStep(string Action, string By, DateTime? At = null, double? HoursAgo = null, string? Comment = null,
    Dictionary<string, JsonElement>? Fields = null);

/// <summary>
/// Replays imported cases through <see cref="CaseService"/> with the clock set to each event's time, so imported
/// history obeys the same rules and leaves the same audit trail as work done in the UI.
/// </summary>
public sealed class CaseImporter(CasesStore store, TemplateService templates, UserDirectory users, CaseEvents events,
    TimeProvider clock, IOptions<CaseLimits> limits, Queues.QueueDirectory queues, Queues.QueueRouter router, Sla.SlaRules sla)
{
    public async Task<IReadOnlyList<string>> ImportAsync(IReadOnlyList<CaseImportDocument> documents, CancellationToken ct = default)
    {
        var anchor = clock.GetUtcNow().UtcDateTime;
        var replay = new ImportClock(anchor);
        var service = new CaseService(store, templates, users, events, replay, limits, queues, router, sla);
        var byEmail = (await users.AllAsync(ct)).ToDictionary(u => u.Email, StringComparer.OrdinalIgnoreCase);
        Actor UserActor(string email, string path) => byEmail.TryGetValue(email, out var u)
            ? Actor.User(u.Id, u.DisplayName, [.. u.Roles])
            : throw new ValidationException(path, $"No user with email '{email}'.");

        var ids = new List<string>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            var created = ImportTime.Resolve(d.CreatedAt, d.CreatedHoursAgo, anchor);
            replay.Now = created;
            var id = await service.CreateAsync(new NewCase(d.Template)
            {
                Priority = d.Priority, Fields = d.Fields, Tags = d.Tags, ObjectIds = d.Objects,
                ExternalData = d.ExternalData.Select(x => new NewExternalDocument(x.Name, x.Data.GetRawText(), x.Source)).ToList(),
            }, new Actor(ActorType.System, d.CreatedBy, d.CreatedBy, new HashSet<string> { Roles.Admin }), ct);
            var version = 1L;

            var history = new List<(DateTime At, Func<Task<CaseChanged>> Run)>();
            if (d.Assignee is { } who)
            {
                var assignee = UserActor(who, $"cases[{i}].assignee");
                history.Add((ImportTime.Resolve(d.AssignAt, d.AssignHoursAgo, created), () => service.AssignAsync(id, assignee.Id, version, assignee, ct)));
            }
            foreach (var c in d.Comments)
            {
                var author = UserActor(c.Author, $"cases[{i}].comments");
                history.Add((ImportTime.Resolve(c.At, c.HoursAgo, anchor), () => service.AddCommentAsync(id, c.Body, author, ct)));
            }
            foreach (var s in d.Steps)
            {
                var by = UserActor(s.By, $"cases[{i}].steps");
                history.Add((ImportTime.Resolve(s.At, s.HoursAgo, anchor), () => service.ApplyActionAsync(id, s.Action, s.Comment, version, by, s.Fields, ct)));
            }
            foreach (var (at, run) in history.OrderBy(h => h.At))
            {
                replay.Now = at < created ? created : at;
                version = (await run()).Version;
            }
            ids.Add(id);
        }
        return ids;
    }
}
