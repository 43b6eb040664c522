using System.Text.Json;
using System.Text.RegularExpressions;
using CasesDashboard.Tests.TestInfrastructure;
using CsCheck;
using static CasesDashboard.Tests.TestInfrastructure.ApiFactory;

namespace CasesDashboard.Tests.Api;

/// <summary>
/// Random and mutated bodies against every endpoint that takes one: never a 5xx, and a refused request leaves the store as it was.
/// </summary>
public sealed partial class ApiPropertyTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static readonly (string Method, string Path, string Body)[] Endpoints =
    [
        ("POST", "/api/v1/cases", """{"data": {"attributes": {"case-template-id": "ctmpl_TST", "fields": {"note": "n", "count": 2, "verdict": "clean", "flags": ["a"], "loss": {"amount": 1.5, "currency": "USD"}}}}, "meta": {"object-ids": ["act_1ecy4AhVKy2qsnbPeH55aHvi"], "sla-expires-in-seconds": 600}}"""),
        ("PATCH", "/api/v1/cases/{id}", """{"data": {"attributes": {"fields": {"due": "2026-01-02", "confirmed": true}, "external-data": [{"name": "d", "document": {"k": [1, 2]}, "source": "s"}]}}}"""),
        ("POST", "/api/v1/cases/{id}/add-objects", """{"meta": {"object-ids": ["act_1ecy4AhVKy2qsnbPeH55aHvi"]}}"""),
        ("POST", "/api/v1/cases/{id}/remove-objects", """{"meta": {"object-ids": ["act_1ecy4AhVKy2qsnbPeH55aHvi"]}}"""),
        ("POST", "/api/v1/cases/{id}/assign", """{"meta": {"user-email-address": "analyst@example.com"}}"""),
        ("POST", "/api/v1/cases/{id}/set-status", """{"meta": {"status": "working", "comment": "go"}}"""),
        ("POST", "/api/v1/cases/{id}/add-tag", """{"meta": {"tag-name": "vip"}}"""),
        ("POST", "/api/v1/cases/{id}/remove-tag", """{"meta": {"tag-name": "vip"}}"""),
        ("POST", "/api/v1/cases/{id}/set-tags", """{"meta": {"tag-name": ["a", "b"]}}"""),
        ("POST", "/api/v1/cases/{id}/add-comment", """{"meta": {"comment": "hello"}}"""),
        ("POST", "/api/v1/cases/search", """{"query": {"and": [{"attribute": "fields.count", "operator": "gt", "value": 1}, {"not": {"attribute": "tags", "operator": "contains", "value": "x"}}]}, "sort": {"attribute": "updated_at", "direction": "asc"}, "page": {"size": 5}}"""),
        ("POST", "/api/v1/accounts", """{"data": {"attributes": {"reference-id": "prop", "name": "P", "email": "p@example.com"}}}"""),
        ("POST", "/api/v1/inquiries", """{"data": {"attributes": {"status": "pending", "name-first": "A", "birthdate": "1990-01-01", "checks": [{"name": "c", "status": "passed"}]}}}"""),
        ("POST", "/api/v1/reports", """{"data": {"attributes": {"report-type": "watchlist", "matches": [{"name": "m", "score": 0.5}]}}}"""),
        ("POST", "/api/v1/transactions", """{"data": {"attributes": {"amount": 10.25, "currency": "EUR", "occurred-at": "2026-11-01T10:00:00Z"}}}"""),
        ("GET", "/api/v1/cases?page[size]=3&filter[status]=open", ""),
    ];

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        Gen.Const("null"), Gen.Const("true"), Gen.Const("[]"), Gen.Const("{}"), Gen.Const("1e400"), Gen.Const("-1"), Gen.Const("\"ctmpl_TST\""),
        Gen.Const("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"),
        Gen.Int.Select(i => i.ToString()), Gen.String.Select(s => JsonSerializer.Serialize(s)));

    /// <summary>A valid body broken one way: a value swapped, a cut, an insertion, or text from nowhere.</summary>
    private static readonly Gen<(int Endpoint, string Body)> Requests =
        Gen.Select(Gen.Int[0, Endpoints.Length - 1], Gen.Int[0, 4], Gen.Int[0, 10_000], Gen.Int[0, 10_000], JsonValue, Gen.String)
            .Select((endpoint, kind, a, b, value, text) =>
            {
                var body = Endpoints[endpoint].Body;
                if (body.Length == 0) return (endpoint, body);
                var values = Value().Matches(body);
                var (from, to) = (a % body.Length, b % body.Length);
                (from, to) = (Math.Min(from, to), Math.Max(from, to));
                return (endpoint, kind switch
                {
                    0 => values[a % values.Count] is var m ? body[..m.Index] + value + body[(m.Index + m.Length)..] : body,
                    1 => body[..from] + body[to..],
                    2 => body[..from] + text + body[from..],
                    3 => body[..from],
                    _ => text,
                });
            });

    [Fact]
    public async Task Api_ThousandRandomAndMutatedBodies_NoServerErrorAndNothingWrittenByARefusal()
    {
        var api = await app.ApiAsync();
        var caseId = await NewCaseAsync(api);
        var paths = Endpoints.Select(e => e.Path.Replace("{id}", caseId)).ToArray();

        await Requests.SampleAsync(async request =>
        {
            var (method, _, _) = Endpoints[request.Endpoint];
            var path = method == "GET" ? $"{paths[request.Endpoint]}&q{Uri.EscapeDataString(request.Body)}=1" : paths[request.Endpoint];
            var before = await app.FootprintAsync();
            var message = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET") message.Content = Json(request.Body);

            var response = await api.SendAsync(message);

            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{method} {path} {request.Body} → {status}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.Equal(before, await app.FootprintAsync());
                Assert.NotNull((await ReadAsync(response))["errors"]);
            }
        }, iter: 1_000, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    [GeneratedRegex("\"[^\"]*\"|-?\\d+(\\.\\d+)?|true|false|null|\\[[^\\[\\]]*\\]")]
    private static partial Regex Value();
}
