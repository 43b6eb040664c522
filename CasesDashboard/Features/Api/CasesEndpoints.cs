using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Api;

/// <summary>/api/v1/cases: list, create, read, update, redact and search — each a thin call of the same services the pages use.</summary>
public static class CasesEndpoints
{
    private static readonly string[] Filters =
        ["status", "case-template-id", "case-queue-id", "assignee-id", "account-id", "inquiry-id", "report-id", "reference-id", "tag", "created-at-start", "created-at-end"];

    public static RouteGroupBuilder MapCases(this RouteGroupBuilder api)
    {
        api.MapGet("/cases", async (HttpContext http, CaseFeed feed, CaseDocuments docs) =>
        {
            var query = ApiQuery.Parse(http.Request, ApiDocuments.CaseIncludes, Filters, paged: true);
            var slice = await feed.SearchAsync(new CaseSearch
            {
                Query = FilterPredicate(query.Filters), PageSize = query.PageSize(), After = query.PageAfter, Before = query.PageBefore,
            }, http.Actor(), http.RequestAborted);
            return new ApiResult(200, await docs.PageAsync(slice, query, http.Request.PageLink));
        }).RequireAuthorization(Policies.ViewCases).WithSummary("List cases, newest first, filtered and cursor-paged");

        api.MapPost("/cases", async (HttpContext http, CaseService cases, CaseFeed feed, CaseDocuments docs, UserDirectory users) =>
        {
            var query = ApiQuery.Parse(http.Request, ApiDocuments.CaseIncludes);
            var input = ApiInput.Read(http);
            var attributes = input.Attributes("case-template-id", "fields", "case-queue-id", "creator-email-address");
            var meta = input.Meta("object-ids", "sla-expires-in-seconds");
            var creatorEmail = attributes.String("creator-email-address");
            var creator = creatorEmail is null ? null : await users.FindByEmailAsync(creatorEmail, http.RequestAborted)
                ?? throw new ValidationException("creator", $"No user with email address '{creatorEmail}'.");
            var seconds = meta.Integer("sla-expires-in-seconds");
            var id = await cases.CreateAsync(new NewCase(TemplateIds.KeyOf(attributes.String("case-template-id", required: true)!))
            {
                Fields = FieldValues(attributes), ObjectIds = meta.Strings("object-ids") ?? [], CreatorId = creator?.Id,
                QueueId = attributes.String("case-queue-id"),
                // Out of range stays out of range (the service says what the range is) without overflowing a TimeSpan.
                SlaExpiresIn = seconds is { } s ? TimeSpan.FromSeconds(Math.Clamp(s, -1, (long)TimeSpan.FromDays(36_500).TotalSeconds)) : null,
            }, http.Actor(), http.RequestAborted);
            var record = await feed.GetAsync(id, http.Actor(), http.RequestAborted);
            return new ApiResult(201, await docs.OneAsync(record, query, ["accounts", "inquiries", "reports"]), record.Case.Version.ToString(), $"/api/v1/cases/{id}");
        }).RequireAuthorization(Policies.WorkCases).WithSummary("Create a case");

        api.MapGet("/cases/{id}", async (string id, HttpContext http, CaseFeed feed, CaseDocuments docs) =>
            await CaseAsync(http, feed, docs, id, ApiQuery.Parse(http.Request, ApiDocuments.CaseIncludes)))
            .RequireAuthorization(Policies.ViewCases).WithSummary("Retrieve a case");

        api.MapPatch("/cases/{id}", async (string id, HttpContext http, CaseService cases, CaseFeed feed, CaseDocuments docs, CasesStore store) =>
        {
            var query = ApiQuery.Parse(http.Request, ApiDocuments.CaseIncludes);
            var attributes = ApiInput.Read(http).Attributes("fields", "external-data", "case-queue-id");
            var update = new CaseUpdate { Fields = FieldValues(attributes) ?? new Dictionary<string, JsonElement>(), ExternalData = Documents(attributes, http) };
            var queue = attributes.Has("case-queue-id") ? attributes.String("case-queue-id") is { } q ? QueueChoice.To(q) : QueueChoice.None : null;
            // Fields, documents and the queue change together or not at all.
            await store.InTransactionAsync(async () =>
            {
                if (update.Fields.Count > 0 || update.ExternalData.Count > 0 || queue is null)
                    await cases.UpdateAsync(id, update, http.Request.ExpectedVersion(), http.Actor(), http.RequestAborted);
                if (queue is not null) await cases.MoveToQueueAsync(id, queue, http.Request.ExpectedVersion(), http.Actor(), http.RequestAborted);
                return 0;
            }, http.RequestAborted);
            return await CaseAsync(http, feed, docs, id, query);
        }).RequireAuthorization(Policies.WorkCases).WithSummary("Update a case's fields, attach external data, or place it in a queue (case-queue-id; null: none)");

        api.MapDelete("/cases/{id}", async (string id, HttpContext http, CaseService cases, CaseFeed feed, CaseDocuments docs) =>
        {
            var query = ApiQuery.Parse(http.Request, ApiDocuments.CaseIncludes);
            await cases.RedactAsync(id, http.Actor(), http.RequestAborted);
            return await CaseAsync(http, feed, docs, id, query);
        }).RequireAuthorization(Policies.LeadCases).WithSummary("Redact a case (erase its personal data for good)");

        api.MapPost("/cases/search", async (HttpContext http, CaseFeed feed, CaseDocuments docs) =>
        {
            var query = ApiQuery.Parse(http.Request, ApiDocuments.CaseIncludes);
            var body = ApiInput.Read(http).Top("query", "sort", "page");
            var sort = body.Object("sort")?.Only("attribute", "direction");
            var page = body.Object("page")?.Only("size", "after", "before");
            var slice = await feed.SearchAsync(new CaseSearch
            {
                Query = body.Has("query") ? CaseSearchBody.Predicate(body, "query") : null,
                Sort = CaseSearchBody.SortKey(sort), Descending = CaseSearchBody.Descending(sort),
                PageSize = (int)Math.Clamp(page?.Integer("size") ?? 10, int.MinValue, int.MaxValue),
                After = page?.String("after"), Before = page?.String("before"),
            }, http.Actor(), http.RequestAborted);
            return new ApiResult(200, await docs.PageAsync(slice, query, null));
        }).RequireAuthorization(Policies.ViewCases).WithSummary("Search cases with and / or / not conditions; consistent right after a write");

        return api;
    }

    internal static async Task<IResult> CaseAsync(HttpContext http, CaseFeed feed, CaseDocuments docs, string id, ApiQuery query)
    {
        var record = await feed.GetAsync(id, http.Actor(), http.RequestAborted);
        return new ApiResult(200, await docs.OneAsync(record, query), record.Case.Version.ToString());
    }

    private static Dictionary<string, JsonElement>? FieldValues(Members attributes) => attributes.Node["fields"] switch
    {
        null => null,
        JsonObject o => o.ToDictionary(m => m.Key, m => JsonSerializer.SerializeToElement(m.Value)),
        _ => throw attributes.Wrong("fields", "an object of field values"),
    };

    private static IReadOnlyList<NewExternalDocument> Documents(Members attributes, HttpContext http) => attributes.Node["external-data"] switch
    {
        null => [],
        JsonArray items => items.Select((item, i) =>
        {
            var at = $"{attributes.At("external-data")}/{i}";
            var d = item as JsonObject ?? throw new MalformedInputException(at, "Each document is {\"name\", \"document\", \"source\"?}.");
            var m = new Members(d, at).Only("name", "document", "source");
            var document = d["document"] ?? throw new MalformedInputException($"{at}/document", "document is required (a JSON object or array).");
            return new NewExternalDocument(m.String("name", required: true)!, document.ToJsonString(), m.String("source") ?? http.Actor().Name);
        }).ToList(),
        _ => throw attributes.Wrong("external-data", "a list of {\"name\", \"document\", \"source\"?}"),
    };

    /// <summary>The list's filters as one condition (all must hold).</summary>
    private static CasePredicate? FilterPredicate(IReadOnlyDictionary<string, string> filters)
    {
        var conditions = new List<CasePredicate>();
        Condition Leaf(string filter, string attribute, string op, object value) =>
            new(attribute, op, JsonSerializer.SerializeToElement(value), $"filter[{filter}]");
        foreach (var (filter, value) in filters)
        {
            var values = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            conditions.Add(filter switch
            {
                "status" => Leaf(filter, "status", "in", values),
                "case-template-id" => Leaf(filter, "template", "in", values),
                "case-queue-id" => Leaf(filter, "case_queue", "in", values),
                "assignee-id" => Leaf(filter, "assignee", "eq", value),
                "account-id" or "inquiry-id" or "report-id" => ObjectFilter(filter, value),
                "reference-id" => Leaf(filter, "reference_id", "eq", value),
                "tag" => Leaf(filter, "tags", "in", values),
                "created-at-start" => Leaf(filter, "created_at", "gte", value),
                _ => Leaf(filter, "created_at", "lte", value),
            });
        }
        return conditions.Count == 0 ? null : new AllOf(conditions, "filter");

        Condition ObjectFilter(string filter, string id)
        {
            var prefix = filter switch { "account-id" => "act_", "inquiry-id" => "inq_", _ => "rep_" };
            return id.StartsWith(prefix, StringComparison.Ordinal) ? Leaf(filter, "object_id", "eq", id)
                : throw new MalformedInputException($"?filter[{filter}]", $"filter[{filter}] is an id starting with {prefix} (got '{id}').");
        }
    }
}
