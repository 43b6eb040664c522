using System.Text.Json.Nodes;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Api;

/// <summary>
/// Resources as JSON:API-style documents (Persona's shapes): <c>{"type", "id", "attributes", "relationships", "meta"}</c>,
/// kebab-case names, times in UTC ISO 8601 with milliseconds. Sparse fieldsets drop the attributes not asked for.
/// </summary>
public static class ApiDocuments
{
    public static readonly string[] CaseAttributes =
    [
        "status", "name", "resolution", "priority", "created-at", "updated-at", "assigned-at", "resolved-at", "redacted-at", "sla-expires-at",
        "creator-id", "creator-type", "assignee-id", "assigner-id", "assigner-type", "resolver-id", "resolver-type", "updater-id", "updater-type",
        "tags", "fields",
    ];

    /// <summary>Relationship names of a case, which are also what <c>include</c> may name.</summary>
    public static readonly string[] CaseIncludes = ["accounts", "inquiries", "reports", "txns", "case-comments", "external-data"];

    public static string Time(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
    private static JsonNode? Time(DateTime? t) => t is { } v ? Time(v) : null;

    public static JsonObject Case(CaseRecord r, IReadOnlyDictionary<string, CaseObject> objects, IReadOnlySet<string>? fieldset)
    {
        var c = r.Case;
        var attributes = new JsonObject
        {
            ["status"] = c.Status, ["name"] = c.Name, ["resolution"] = c.Resolution, ["priority"] = c.Priority.ToString().ToLowerInvariant(),
            ["created-at"] = Time(c.CreatedAt), ["updated-at"] = Time(c.UpdatedAt), ["assigned-at"] = Time(c.AssignedAt),
            ["resolved-at"] = Time(c.ResolvedAt), ["redacted-at"] = Time(c.RedactedAt), ["sla-expires-at"] = Time(c.SlaExpiresAt),
            ["creator-id"] = c.CreatorId, ["creator-type"] = Actor.TypeNameOf(c.CreatorType),
            ["assignee-id"] = c.AssigneeId,
            ["assigner-id"] = c.AssignerId, ["assigner-type"] = TypeName(c.AssignerType),
            ["resolver-id"] = c.ResolverId, ["resolver-type"] = TypeName(c.ResolverType),
            ["updater-id"] = c.UpdaterId, ["updater-type"] = TypeName(c.UpdaterType),
            ["tags"] = new JsonArray(r.Tags.Select(t => (JsonNode)t).ToArray()),
            ["fields"] = JsonNode.Parse(c.FieldsJson),
        };
        JsonArray Linked(ObjectKind kind) => new(r.ObjectIds.Where(id => CaseObject.KindOfId(id) == kind)
            .Select(id => (JsonNode)Ref(objects.TryGetValue(id, out var o) ? TypeOf(o) : TypeOf(kind), id)).ToArray());
        return new JsonObject
        {
            ["type"] = "case", ["id"] = c.PublicId,
            ["attributes"] = Sparse(attributes, fieldset),
            ["relationships"] = new JsonObject
            {
                ["case-template"] = new JsonObject { ["data"] = Ref("case-template", TemplateIds.Of(r.TemplateKey)) },
                ["case-queue"] = new JsonObject { ["data"] = r.QueueId is null ? null : Ref("case-queue", r.QueueId) },
                ["accounts"] = new JsonObject { ["data"] = Linked(ObjectKind.Account) },
                ["inquiries"] = new JsonObject { ["data"] = Linked(ObjectKind.Inquiry) },
                ["reports"] = new JsonObject { ["data"] = Linked(ObjectKind.Report) },
                ["txns"] = new JsonObject { ["data"] = Linked(ObjectKind.Transaction) },
                ["case-comments"] = new JsonObject { ["data"] = new JsonArray(r.CommentIds.Select(id => (JsonNode)Ref("case-comment", CommentId(id))).ToArray()) },
                ["external-data"] = new JsonObject { ["data"] = new JsonArray(r.DocumentIds.Select(id => (JsonNode)Ref("external-data", DocumentId(id))).ToArray()) },
            },
            ["meta"] = new JsonObject { ["version"] = c.Version, ["template-version"] = c.TemplateVersion },
        };
    }

    public static string CommentId(long id) => $"ccmt_{id}";
    public static string DocumentId(long id) => $"cxd_{id}";

    public static JsonObject Comment(CaseComment c) => new()
    {
        ["type"] = "case-comment", ["id"] = CommentId(c.Id),
        ["attributes"] = new JsonObject
        {
            ["body"] = c.Body, ["created-at"] = Time(c.CreatedAt),
            ["creator-id"] = c.AuthorId, ["creator-type"] = Actor.TypeNameOf(c.AuthorType), ["creator-name"] = c.AuthorName,
        },
    };

    public static JsonObject Document(ExternalDocument d) => new()
    {
        ["type"] = "external-data", ["id"] = DocumentId(d.Id),
        ["attributes"] = new JsonObject
        {
            ["name"] = d.Name, ["source"] = d.Source, ["attached-at"] = Time(d.AttachedAt), ["attached-by"] = d.AttachedBy,
            ["document"] = JsonNode.Parse(d.Json),
        },
    };

    /// <summary>Persona's type names: account, inquiry, transaction, and <c>report/&lt;kind&gt;</c> for reports.</summary>
    public static string TypeOf(CaseObject o) => o is Report r ? $"report/{r.ReportType}" : TypeOf(o.Kind);

    public static string TypeOf(ObjectKind kind) => kind switch
    {
        ObjectKind.Inquiry => "inquiry",
        ObjectKind.Account => "account",
        ObjectKind.Report => "report",
        _ => "transaction",
    };

    public static JsonObject Object(CaseObject o, IReadOnlySet<string>? fieldset)
    {
        var attributes = new JsonObject { ["reference-id"] = o.ReferenceId, ["status"] = o.Status, ["created-at"] = Time(o.CreatedAt) };
        switch (o)
        {
            case Inquiry i:
                attributes["name-first"] = i.NameFirst; attributes["name-last"] = i.NameLast; attributes["birthdate"] = i.Birthdate?.ToString("yyyy-MM-dd");
                attributes["address"] = i.Address;
                attributes["checks"] = new JsonArray(i.Checks.Select(x => (JsonNode)new JsonObject { ["name"] = x.Name, ["status"] = x.Status, ["detail"] = x.Detail }).ToArray());
                break;
            case Account a:
                attributes["name"] = a.Name; attributes["email"] = a.Email; attributes["phone"] = a.Phone;
                break;
            case Report r:
                attributes["report-type"] = r.ReportType; attributes["match-count"] = r.MatchCount;
                attributes["matches"] = new JsonArray(r.Matches.Select(m => (JsonNode)new JsonObject
                    { ["name"] = m.Name, ["score"] = m.Score, ["source"] = m.Source, ["detail"] = m.Detail }).ToArray());
                break;
            case Transaction t:
                attributes["amount"] = t.Amount; attributes["currency"] = t.Currency; attributes["transaction-type"] = t.TransactionType;
                attributes["counterparty"] = t.Counterparty; attributes["occurred-at"] = Time(t.OccurredAt);
                break;
        }
        return new JsonObject { ["type"] = TypeOf(o), ["id"] = o.Id, ["attributes"] = Sparse(attributes, fieldset) };
    }

    public static JsonObject Template(TemplateSummary t) => new()
    {
        ["type"] = "case-template", ["id"] = TemplateIds.Of(t.Key),
        ["attributes"] = new JsonObject
        {
            ["name"] = t.Name, ["key"] = t.Key, ["status"] = t.Archived ? "archived" : "active", ["version"] = t.CurrentVersion,
            ["description"] = t.Definition.Description, ["default-priority"] = t.Definition.DefaultPriority.ToString().ToLowerInvariant(),
            ["sla-hours"] = t.Definition.SlaHours,
            ["resolutions"] = new JsonArray(t.Definition.Statuses.Where(s => s.Type == StatusType.End).Select(s => (JsonNode)s.Key).ToArray()),
            ["statuses"] = new JsonArray(t.Definition.Statuses.Select(s => (JsonNode)new JsonObject
            {
                ["key"] = s.Key, ["label"] = s.Label, ["type"] = s.Type.ToString().ToLowerInvariant(),
                ["transitions"] = new JsonArray(s.Transitions.Select(x => (JsonNode)x).ToArray()),
            }).ToArray()),
            ["fields"] = new JsonArray(t.Definition.Fields.Select(f => (JsonNode)new JsonObject
            {
                ["key"] = f.Key, ["label"] = f.Label, ["type"] = Common.Json.Serialize(f.Type).Trim('"'),
                ["options"] = new JsonArray(f.Options.Select(o => (JsonNode)o).ToArray()),
                ["required-to-resolve"] = f.RequiredToResolve, ["retired"] = f.Retired, ["help-text"] = f.HelpText,
            }).ToArray()),
            ["actions"] = new JsonArray(t.Definition.Actions.Select(a => (JsonNode)new JsonObject
            {
                ["key"] = a.Key, ["label"] = a.Label, ["target-status"] = a.TargetStatus,
                ["required-fields"] = new JsonArray(a.RequiredFields.Select(x => (JsonNode)x).ToArray()),
                ["comment-required"] = a.CommentRequired, ["roles"] = new JsonArray(a.Roles.Select(x => (JsonNode)x).ToArray()),
            }).ToArray()),
        },
    };

    /// <summary>A case queue for integrations: its settings and routing condition (the search language), its members by user id.</summary>
    public static JsonObject Queue(Queues.QueueInfo q) => new()
    {
        ["type"] = "case-queue", ["id"] = q.PublicId,
        ["attributes"] = new JsonObject
        {
            ["name"] = q.Name, ["key"] = q.Key, ["description"] = q.Description, ["position"] = q.Position,
            ["status"] = q.Archived ? "archived" : "active",
            ["routing-conditions"] = q.ConditionsJson is null ? null : JsonNode.Parse(q.ConditionsJson),
            ["sort-order"] = Common.Json.Serialize(q.SortOrder).Trim('"'),
            ["assignment-policy"] = Common.Json.Serialize(q.Policy).Trim('"'),
            ["max-open-per-analyst"] = q.MaxOpenPerAnalyst, ["skip-away"] = q.SkipAway,
            ["member-ids"] = new JsonArray(q.MemberIds.Select(m => (JsonNode)m).ToArray()),
            ["updated-at"] = Time(q.UpdatedAt),
        },
        ["meta"] = new JsonObject { ["revision"] = q.Revision },
    };

    public static JsonObject Ref(string type, string id) => new() { ["type"] = type, ["id"] = id };

    private static string? TypeName(ActorType? type) => type is { } t ? Actor.TypeNameOf(t) : null;

    private static JsonObject Sparse(JsonObject attributes, IReadOnlySet<string>? fieldset)
    {
        if (fieldset is null) return attributes;
        foreach (var name in attributes.Select(a => a.Key).Where(n => !fieldset.Contains(n)).ToList()) attributes.Remove(name);
        return attributes;
    }
}
