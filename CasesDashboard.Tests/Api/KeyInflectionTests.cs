using System.Text.Json.Nodes;
using CasesDashboard.Features.Api;

namespace CasesDashboard.Tests.Api;

public sealed class KeyInflectionTests
{
    [Theory]
    [InlineData("caseTemplateId", "case-template-id")]
    [InlineData("case_template_id", "case-template-id")]
    [InlineData("case-template-id", "case-template-id")]
    public void ToKebab_AnySpelling_IsKebab(string name, string expected) => Assert.Equal(expected, KeyInflection.ToKebab(name));

    [Fact]
    public void NormalizeRequest_FieldKeysAndDocuments_AreLeftAlone()
    {
        var request = JsonNode.Parse("""{"data": {"attributes": {"caseTemplateId": "x", "fields": {"someField": 1}, "externalData": [{"name": "n", "document": {"innerKey": 2}}]}}}""");

        var normalized = KeyInflection.NormalizeRequest(request)!;

        var attributes = normalized["data"]!["attributes"]!;
        Assert.NotNull(attributes["case-template-id"]);
        Assert.NotNull(attributes["fields"]!["someField"]);
        Assert.NotNull(attributes["external-data"]![0]!["document"]!["innerKey"]);
    }

    [Fact]
    public void Inflect_Camel_LeavesCaseFieldsAsTheyAre()
    {
        var doc = JsonNode.Parse("""{"data": {"type": "case", "id": "c", "attributes": {"sla-expires-at": "t", "fields": {"my-field": 1}}}}""");

        var camel = KeyInflection.Inflect(doc, Inflection.Camel)!;

        Assert.NotNull(camel["data"]!["attributes"]!["slaExpiresAt"]);
        Assert.NotNull(camel["data"]!["attributes"]!["fields"]!["my-field"]);
    }
}
