using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Templates;

public sealed class TemplateValidatorTests
{
    private static IReadOnlyList<string> PathsOf(Action<TemplateDefinition> breakIt)
    {
        var d = TestTemplates.Review();
        breakIt(d);
        return TemplateValidator.Validate(d).Select(p => p.Path).ToList();
    }

    [Fact]
    public void Validate_TestTemplate_HasNoProblems() => Assert.Empty(TemplateValidator.Validate(TestTemplates.Review()));

    [Fact]
    public void Validate_NoInitialStatus_IsReported() =>
        Assert.Contains("statuses", PathsOf(d => d.Statuses[0].Type = StatusType.Intermediate));

    [Fact]
    public void Validate_NoEndStatus_IsReported() =>
        Assert.Contains("statuses", PathsOf(d => d.Statuses.RemoveAll(s => s.Type == StatusType.End)));

    [Fact]
    public void Validate_ActionToUnknownStatus_NamesTheAction() =>
        Assert.Contains("actions[0].target_status", PathsOf(d => d.Actions[0].TargetStatus = "gone"));

    [Fact]
    public void Validate_DuplicateFieldKeys_NamesTheSecond() =>
        Assert.Contains("fields[1].key", PathsOf(d => d.Fields[1].Key = d.Fields[0].Key));

    [Fact]
    public void Validate_SelectWithoutOptions_IsReported() =>
        Assert.Contains("fields[5].options", PathsOf(d => d.Fields[5].Options.Clear()));

    [Fact]
    public void Validate_PanelNamingUnknownField_IsReported() =>
        Assert.Contains("layout[0].panels[1].fields", PathsOf(d => d.Layout[0].Panels[1].Fields.Add("ghost")));

    [Fact]
    public void Validate_KeyValuePanelWithBadPathOrSource_IsReported()
    {
        var paths = PathsOf(d => { d.Layout[0].Panels[3].Path = "sessions"; d.Layout[0].Panels[3].Source = "db"; });
        Assert.Contains("layout[0].panels[3].path", paths);
        Assert.Contains("layout[0].panels[3].source", paths);
    }

    [Fact]
    public void Validate_BadTemplateKey_IsReported() => Assert.Contains("key", PathsOf(d => d.Key = "lower"));

    [Fact]
    public void Validate_ActionForUnknownRole_IsReported() =>
        Assert.Contains("actions[3].roles", PathsOf(d => d.Actions[3].Roles = ["Supervisor"]));

    [Fact]
    public void Validate_FieldOnNoPanel_IsFlaggedUnlessRetired()
    {
        static void OnlyListed(TemplateDefinition d)
        {
            foreach (var p in d.Layout.SelectMany(t => t.Panels).Where(p => p.Kind is PanelKind.Fields or PanelKind.Inputs)) p.Fields = ["note"];
        }

        var problems = TemplateValidator.Validate(Apply(OnlyListed));

        Assert.Contains(problems, p => p.Path == "fields[1].key" && p.Message == "'Story' is not shown on any panel: add it to a Fields, Inputs or Key-Value panel, or retire it.");
        Assert.DoesNotContain(problems, p => p.Path == "fields[9].key");   // "legacy" is retired
    }

    [Theory]
    [InlineData("Risk level", "risk_level")]
    [InlineData("  Ünïcode / score %", "n_code_score")]
    [InlineData("2FA used", "field_2fa_used")]
    [InlineData("Note", "note_2")]
    public void KeyFromLabel_MakesAValidUnusedKey(string label, string expected)
    {
        var key = TemplateValidator.KeyFromLabel(label, ["note"]);

        Assert.Equal(expected, key);
        Assert.DoesNotContain(TemplateValidator.Validate(Apply(d => d.Fields.Add(new FieldDefinition { Key = key, Label = label }))), p => p.Path.EndsWith("].key") && p.Message.Contains("snake"));
    }

    [Fact]
    public void NormalizeTemplateKey_TrimsAndUpperCases() => Assert.Equal("KYC2", TemplateValidator.NormalizeTemplateKey("  kyc2 "));

    private static TemplateDefinition Apply(Action<TemplateDefinition> change)
    {
        var d = TestTemplates.Review();
        change(d);
        return d;
    }
}
