using System.Text.Json.Nodes;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Api;

/// <summary>
/// /api/v1/accounts, /inquiries, /reports, /transactions: objects live in this store. Create (a <c>reference-id</c> that an
/// object of the kind already has updates that object instead: 200, not 201), retrieve, update and list, all through
/// <see cref="ObjectService"/>, which audits each change.
/// </summary>
public static class ObjectsEndpoints
{
    public static RouteGroupBuilder MapObjects(this RouteGroupBuilder api)
    {
        foreach (var (path, kind) in new[] { ("accounts", ObjectKind.Account), ("inquiries", ObjectKind.Inquiry), ("reports", ObjectKind.Report), ("transactions", ObjectKind.Transaction) })
        {
            var attributes = new[] { "reference-id", "status" }.Concat(ObjectReader.Attributes[kind].Select(KeyInflection.ToKebab)).ToArray();
            var noun = ApiDocuments.TypeOf(kind);

            api.MapGet($"/{path}", async (HttpContext http, ObjectService objects) =>
            {
                var query = ApiQuery.Parse(http.Request, filters: ["reference-id"], paged: true);
                var slice = await objects.ListAsync(kind, query.Filters.GetValueOrDefault("reference-id"), query.PageSize(), query.PageAfter, query.PageBefore, http.RequestAborted);
                return new ApiResult(200, new JsonObject
                {
                    ["data"] = new JsonArray(slice.Objects.Select(o => (JsonNode)ApiDocuments.Object(o, query.Fieldsets.GetValueOrDefault(ApiDocuments.TypeOf(o)))).ToArray()),
                    ["links"] = new JsonObject
                    {
                        ["prev"] = slice.Prev is null ? null : http.Request.PageLink("before", slice.Prev),
                        ["next"] = slice.Next is null ? null : http.Request.PageLink("after", slice.Next),
                    },
                });
            }).RequireAuthorization(Policies.ViewCases).WithSummary($"List {path}, newest first");

            api.MapPost($"/{path}", async (HttpContext http, ObjectService objects) =>
            {
                var query = ApiQuery.Parse(http.Request);
                var (o, created) = await objects.UpsertAsync(kind, Snake(ApiInput.Read(http).Attributes(attributes)), http.Actor(), http.RequestAborted);
                return new ApiResult(created ? 201 : 200, One(o, query), location: $"/api/v1/{path}/{o.Id}");
            }).RequireAuthorization(Policies.WorkCases).WithSummary($"Create an {noun} (or update the one with the same reference-id)");

            api.MapGet($"/{path}/{{id}}", async (string id, HttpContext http, ObjectService objects) =>
            {
                var query = ApiQuery.Parse(http.Request);
                return new ApiResult(200, One(await FindAsync(objects, kind, id, http), query));
            }).RequireAuthorization(Policies.ViewCases).WithSummary($"Retrieve an {noun}");

            api.MapPatch($"/{path}/{{id}}", async (string id, HttpContext http, ObjectService objects) =>
            {
                var query = ApiQuery.Parse(http.Request);
                var changes = Snake(ApiInput.Read(http).Attributes(attributes));
                await FindAsync(objects, kind, id, http);
                return new ApiResult(200, One(await objects.UpdateAsync(id, changes, http.Actor(), http.RequestAborted), query));
            }).RequireAuthorization(Policies.WorkCases).WithSummary($"Update an {noun}'s attributes (null removes one)");
        }
        return api;
    }

    private static JsonObject One(CaseObject o, ApiQuery query) =>
        new() { ["data"] = ApiDocuments.Object(o, query.Fieldsets.GetValueOrDefault(ApiDocuments.TypeOf(o))) };

    private static async Task<CaseObject> FindAsync(ObjectService objects, ObjectKind kind, string id, HttpContext http) =>
        await objects.FindAsync(id, http.RequestAborted) is { } o && o.Kind == kind ? o : throw new NotFoundException(ApiDocuments.TypeOf(kind), id);

    /// <summary>The attributes in the objects' own (import) format: snake_case names.</summary>
    private static JsonObject Snake(Members attributes)
    {
        var result = new JsonObject();
        foreach (var (name, value) in attributes.Node) result[KeyInflection.ToSnake(name)] = value?.DeepClone();
        return result;
    }
}
