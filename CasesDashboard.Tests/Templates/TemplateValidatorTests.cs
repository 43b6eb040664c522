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
}
