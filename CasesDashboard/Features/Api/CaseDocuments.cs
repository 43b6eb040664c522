using System.Text.Json.Nodes;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;

namespace CasesDashboard.Features.Api;

/// <summary>Case documents with what they point to: linked objects (for report types), and the resources <c>include</c> asks for.</summary>
public sealed class CaseDocuments(CaseFeed feed, ObjectService objects)
{
    public async Task<JsonObject> OneAsync(CaseRecord record, ApiQuery query, IReadOnlyCollection<string>? defaultIncludes = null)
    {
        var (data, included) = await BuildAsync([record], query, query.Include.Count > 0 ? query.Include : defaultIncludes ?? []);
        var one = data[0];
        data.Clear();
        var document = new JsonObject { ["data"] = one };
        if (included.Count > 0) document["included"] = included;
        return document;
    }

    /// <summary>A page of cases with <c>links.prev</c> / <c>links.next</c> (null when there is no such page).</summary>
    public async Task<JsonObject> PageAsync(CaseSlice slice, ApiQuery query, Func<string, string, string?>? link)
    {
        var (data, included) = await BuildAsync(slice.Cases, query, query.Include);
        var document = new JsonObject
        {
            ["data"] = data,
            ["links"] = new JsonObject
            {
                ["prev"] = slice.Prev is null || link is null ? null : link("before", slice.Prev),
                ["next"] = slice.Next is null || link is null ? null : link("after", slice.Next),
            },
            ["meta"] = new JsonObject { ["prev-cursor"] = slice.Prev, ["next-cursor"] = slice.Next },
        };
        if (included.Count > 0) document["included"] = included;
        return document;
    }

    private async Task<(JsonArray Data, JsonArray Included)> BuildAsync(IReadOnlyList<CaseRecord> records, ApiQuery query, IEnumerable<string> include)
    {
        var wanted = include.ToHashSet();
        var fields = query.FieldsOf("case", ApiDocuments.CaseAttributes);
        var linked = (await objects.FindManyAsync(records.SelectMany(r => r.ObjectIds))).ToDictionary(o => o.Id);
        var data = new JsonArray(records.Select(r => (JsonNode)ApiDocuments.Case(r, linked, fields)).ToArray());
        var included = new JsonArray();
        foreach (var (relationship, kind) in new[] { ("accounts", ObjectKind.Account), ("inquiries", ObjectKind.Inquiry), ("reports", ObjectKind.Report), ("txns", ObjectKind.Transaction) })
        {
            if (!wanted.Contains(relationship)) continue;
            foreach (var o in records.SelectMany(r => r.ObjectIds).Distinct().Select(id => linked.GetValueOrDefault(id)).OfType<CaseObject>().Where(o => o.Kind == kind))
                included.Add(ApiDocuments.Object(o, query.Fieldsets.GetValueOrDefault(ApiDocuments.TypeOf(o))));
        }
        if (wanted.Contains("case-comments"))
            foreach (var c in await feed.CommentsAsync(records.SelectMany(r => r.CommentIds))) included.Add(ApiDocuments.Comment(c));
        if (wanted.Contains("external-data"))
            foreach (var d in await feed.DocumentsAsync(records.SelectMany(r => r.DocumentIds))) included.Add(ApiDocuments.Document(d));
        return (data, included);
    }
}
