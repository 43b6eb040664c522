using System.Net;
using System.Text.Json.Nodes;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using static CasesDashboard.Tests.TestInfrastructure.ApiFactory;

namespace CasesDashboard.Tests.Api;

/// <summary>Every case endpoint through the real pipeline, with a Lead key.</summary>
public sealed class ApiCasesTestsOnSqlite(ApiFactory app) : ApiCasesTests<ApiFactory>(app);

public sealed class ApiCasesTestsOnPostgres(PostgresApiFactory app) : ApiCasesTests<PostgresApiFactory>(app);

public abstract class ApiCasesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApiFactory
{
    private async Task<string> AccountAsync(HttpClient api, string reference)
    {
        var response = await api.PostAsync("/api/v1/accounts", Json($$$"""{"data": {"attributes": {"reference-id": "{{{reference}}}", "name": "Ana Test", "email": "ana@example.com"} } }"""));
        return (string)(await ReadAsync(response))["data"]!["id"]!;
    }

    [SkippableFact]
    public async Task CreateCase_WithFieldsObjectsAndSla_Returns201WithTheCaseDocumentAndIncludedObjects()
    {
        var api = await app.ApiAsync();
        var account = await AccountAsync(api, "create-1");

        var response = await api.PostAsync("/api/v1/cases", Json($$$"""
            {"data": {"attributes": {"case-template-id": "ctmpl_TST", "fields": {"note": "from the risk engine", "count": 3} } },
             "meta": {"object-ids": ["{{{account}}}"], "sla-expires-in-seconds": 3600}}
            """));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var doc = await ReadAsync(response);
        var data = doc["data"]!;
        Assert.Equal("case", (string)data["type"]!);
        Assert.StartsWith("case_", (string)data["id"]!);
        Assert.Equal("open", (string)data["attributes"]!["status"]!);
        Assert.Equal("from the risk engine", (string)data["attributes"]!["fields"]!["note"]!);
        Assert.Equal("api-key", (string)data["attributes"]!["creator-type"]!);
        var created = DateTime.Parse((string)data["attributes"]!["created-at"]!).ToUniversalTime();
        Assert.Equal(created.AddHours(1), DateTime.Parse((string)data["attributes"]!["sla-expires-at"]!).ToUniversalTime());
        Assert.Equal(account, (string)data["relationships"]!["accounts"]!["data"]![0]!["id"]!);
        Assert.Equal("ctmpl_TST", (string)data["relationships"]!["case-template"]!["data"]!["id"]!);
        Assert.Equal(account, (string)doc["included"]![0]!["id"]!);
        Assert.Equal($"/api/v1/cases/{data["id"]}", response.Headers.Location!.ToString());
    }

    [SkippableFact]
    public async Task CreateCase_ForAUserByEmail_NamesTheUserAsCreatorAndTheKeyOnTheTimeline()
    {
        var api = await app.ApiAsync();

        var id = await NewCaseAsync(api, """, "creator-email-address": "analyst@example.com" """);

        var doc = await ReadAsync(await api.GetAsync($"/api/v1/cases/{id}"));
        Assert.Equal("user", (string)doc["data"]!["attributes"]!["creator-type"]!);
        await using var db = await app.DbAsync();
        var created = await db.AuditEvents.SingleAsync(e => e.Type == CaseEventTypes.Created && e.CaseId == db.Cases.Single(c => c.PublicId == id).Id);
        Assert.Equal(ActorType.ApiKey, created.ActorType);
    }

    [SkippableFact]
    public async Task GetCase_WithInclude_ReturnsCommentsAndExternalData()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api);
        await api.PostAsync($"/api/v1/cases/{id}/add-comment", Json("""{"meta": {"comment": "Called the driver."}}"""));
        await api.PatchAsync($"/api/v1/cases/{id}", Json("""{"data": {"attributes": {"external-data": [{"name": "device", "document": {"sessions": [{"ip": "10.0.0.1"}]}}]} } }"""));

        var doc = await ReadAsync(await api.GetAsync($"/api/v1/cases/{id}?include=case-comments,external-data"));

        var included = doc["included"]!.AsArray();
        Assert.Contains(included, i => (string)i!["type"]! == "case-comment" && (string)i["attributes"]!["body"]! == "Called the driver.");
        Assert.Contains(included, i => (string)i!["type"]! == "external-data" && (string)i["attributes"]!["document"]!["sessions"]![0]!["ip"]! == "10.0.0.1");
    }

    [SkippableFact]
    public async Task GetCase_SparseFieldset_ReturnsOnlyTheAttributesAsked()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api);

        var doc = await ReadAsync(await api.GetAsync($"/api/v1/cases/{id}?fields[case]=status,name"));

        Assert.Equal(["status", "name"], doc["data"]!["attributes"]!.AsObject().Select(a => a.Key).ToArray());
    }

    [SkippableFact]
    public async Task GetCase_Unknown_Returns404Document()
    {
        var api = await app.ApiAsync();

        var response = await api.GetAsync("/api/v1/cases/case_doesnotexist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("case_doesnotexist", (string)(await ReadAsync(response))["errors"]![0]!["details"]!);
    }

    [SkippableFact]
    public async Task PatchCase_FieldsAndExternalData_AppliesBothInOneVersion()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api);

        var response = await api.PatchAsync($"/api/v1/cases/{id}", Json("""
            {"data": {"attributes": {"fields": {"verdict": "fraud", "loss": {"amount": 12.5, "currency": "EUR"}},
              "external-data": [{"name": "bureau", "document": [1, 2, 3], "source": "credit-bureau"}]}}}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = (await ReadAsync(response))["data"]!;
        Assert.Equal("fraud", (string)data["attributes"]!["fields"]!["verdict"]!);
        Assert.Equal(12.5m, (decimal)data["attributes"]!["fields"]!["loss"]!["amount"]!);
        Assert.Equal(2, (long)data["meta"]!["version"]!);
        Assert.Single(data["relationships"]!["external-data"]!["data"]!.AsArray());
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
    }

    [SkippableFact]
    public async Task PatchCase_StaleIfMatchOnTheSameField_Returns409NamingTheChange()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api);
        await api.PatchAsync($"/api/v1/cases/{id}", Json("""{"data": {"attributes": {"fields": {"note": "first"}} } }"""));

        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/cases/{id}") { Content = Json("""{"data": {"attributes": {"fields": {"note": "second"}} } }""") };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Note", (string)(await ReadAsync(response))["errors"]![0]!["details"]!);
    }

    [SkippableFact]
    public async Task ResolveFlow_AddObjectsAttachDataSetStatus_ResolvesTheCase()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api);
        var account = await AccountAsync(api, "flow-1");

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/cases/{id}/add-objects", Json($$$"""{"meta": {"object-ids": ["{{{account}}}"]}}"""))).StatusCode);
        await api.PatchAsync($"/api/v1/cases/{id}", Json("""{"data": {"attributes": {"fields": {"verdict": "clean", "confirmed": true}} } }"""));
        await api.PostAsync($"/api/v1/cases/{id}/set-status", Json("""{"meta": {"status": "working"}}"""));
        var response = await api.PostAsync($"/api/v1/cases/{id}/set-status", Json("""{"meta": {"status": "approved", "comment": "All checks passed."}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attributes = (await ReadAsync(response))["data"]!["attributes"]!;
        Assert.Equal("approved", (string)attributes["resolution"]!);
        Assert.NotNull((string?)attributes["resolved-at"]);
        Assert.Equal("api-key", (string)attributes["resolver-type"]!);
    }

    [SkippableFact]
    public async Task AssignTagsAndRemoveObjects_ApplyToTheCase()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api);
        var account = await AccountAsync(api, "tags-1");
        await api.PostAsync($"/api/v1/cases/{id}/add-objects", Json($$$"""{"meta": {"object-ids": ["{{{account}}}"]}}"""));

        await api.PostAsync($"/api/v1/cases/{id}/assign", Json("""{"meta": {"user-email-address": "analyst@example.com"}}"""));
        await api.PostAsync($"/api/v1/cases/{id}/add-tag", Json("""{"meta": {"tag-name": "vip"}}"""));
        await api.PostAsync($"/api/v1/cases/{id}/set-tags", Json("""{"meta": {"tag-name": ["sim-swap", "night"]}}"""));
        await api.PostAsync($"/api/v1/cases/{id}/remove-tag", Json("""{"meta": {"tag-name": "night"}}"""));
        await api.PostAsync($"/api/v1/cases/{id}/remove-objects", Json($$$"""{"meta": {"object-ids": ["{{{account}}}"]}}"""));

        var data = (await ReadAsync(await api.GetAsync($"/api/v1/cases/{id}")))["data"]!;
        Assert.NotNull((string?)data["attributes"]!["assignee-id"]);
        Assert.Equal(["sim-swap"], data["attributes"]!["tags"]!.AsArray().Select(t => (string)t!).ToArray());
        Assert.Empty(data["relationships"]!["accounts"]!["data"]!.AsArray());
    }

    [SkippableFact]
    public async Task DeleteCase_RedactsFieldsDocumentsAndComments_KeepsTheShellAndDecision()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api, """, "fields": {"note": "Passport AB123456"}""");
        await api.PostAsync($"/api/v1/cases/{id}/add-comment", Json("""{"meta": {"comment": "Lives at 1 Main St"}}"""));
        await api.PatchAsync($"/api/v1/cases/{id}", Json("""{"data": {"attributes": {"external-data": [{"name": "kyc", "document": {"ssn": "123-45-6789"}}]} } }"""));

        var response = await api.DeleteAsync($"/api/v1/cases/{id}?include=case-comments,external-data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await ReadAsync(response);
        Assert.NotNull((string?)doc["data"]!["attributes"]!["redacted-at"]);
        Assert.Empty(doc["data"]!["attributes"]!["fields"]!.AsObject());
        Assert.Equal("open", (string)doc["data"]!["attributes"]!["status"]!);
        var text = doc.ToJsonString();
        Assert.DoesNotContain("AB123456", text);
        Assert.DoesNotContain("1 Main St", text);
        Assert.DoesNotContain("123-45-6789", text);
        await using var db = await app.DbAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Type == CaseEventTypes.Redacted && e.CaseId == db.Cases.Single(c => c.PublicId == id).Id));
    }

    [SkippableFact]
    public async Task DeleteCase_AnalystKey_Returns403AndRedactsNothing()
    {
        var lead = await app.ApiAsync();
        var id = await NewCaseAsync(lead, """, "fields": {"note": "keep"}""");

        var response = await (await app.ApiAsync(Roles.Analyst)).DeleteAsync($"/api/v1/cases/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("keep", (string)(await ReadAsync(await lead.GetAsync($"/api/v1/cases/{id}")))["data"]!["attributes"]!["fields"]!["note"]!);
    }

    [SkippableFact]
    public async Task Search_AndOrNotOverFieldsAndStatus_FindsTheCaseRightAfterTheWrite()
    {
        var api = await app.ApiAsync();
        var id = await NewCaseAsync(api, """, "fields": {"verdict": "fraud", "count": 42}""");

        var response = await api.PostAsync("/api/v1/cases/search", Json("""
            {"query": {"and": [
                {"attribute": "fields.verdict", "operator": "eq", "value": "fraud"},
                {"or": [{"attribute": "fields.count", "operator": "gte", "value": 40}, {"attribute": "status", "operator": "eq", "value": "nope"}]},
                {"not": {"attribute": "state", "operator": "eq", "value": "resolved"}},
                {"attribute": "template", "operator": "in", "value": ["ctmpl_TST"]}]},
             "sort": {"attribute": "created_at", "direction": "desc"}, "page": {"size": 5}}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains((await ReadAsync(response))["data"]!.AsArray(), c => (string)c!["id"]! == id);
    }

    [SkippableFact]
    public async Task Templates_ListAndGet_ShowStatusesAndFieldSchemas()
    {
        var api = await app.ApiAsync();

        var list = await ReadAsync(await api.GetAsync("/api/v1/case-templates"));
        var one = await ReadAsync(await api.GetAsync("/api/v1/case-templates/ctmpl_DOR"));

        Assert.Contains(list["data"]!.AsArray(), t => (string)t!["id"]! == "ctmpl_DOR");
        var attributes = one["data"]!["attributes"]!;
        Assert.Contains(attributes["statuses"]!.AsArray(), s => (string)s!["key"]! == "approved" && (string)s["type"]! == "end");
        Assert.Contains(attributes["fields"]!.AsArray(), f => (string)f!["key"]! == "insurance_verified" && (bool)f["required-to-resolve"]!);
    }

    [SkippableFact]
    public async Task OpenApi_Anonymous_DescribesTheCaseEndpointsAndTheReferencePageNeedsNoCdn()
    {
        var client = app.NewClient();

        var openapi = await client.GetStringAsync("/openapi/v1.json");
        var page = await client.GetStringAsync("/scalar/v1");
        var script = await client.GetAsync("/scalar/scalar.js");

        Assert.Contains("/api/v1/cases/{id}/set-status", openapi);
        Assert.Contains("bearer", openapi);
        Assert.DoesNotMatch("src=\"https?://", page);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
