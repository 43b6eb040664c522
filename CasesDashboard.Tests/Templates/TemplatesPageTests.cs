using Bunit;
using CasesDashboard.Features.Templates;
using CasesDashboard.Features.Templates.Components;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Templates;

/// <summary>The template list: importing a template file as an admin would.</summary>
public sealed class TemplatesPageTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    private TestStore S => h.Store;

    public async Task InitializeAsync() => h = (await ComponentHarness.CreateAsync()).Use<TemplateEditorService>();

    public async Task DisposeAsync() => await h.DisposeAsync();

    private IRenderedComponent<TemplatesPage> Open()
    {
        h.SignIn(S.Admin);
        return h.Render<TemplatesPage>();
    }

    [Fact]
    public void UploadFile_OverTheImportLimit_IsRefusedWithItsSizeAndNothingIsLoaded()
    {
        var page = Open();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[1_100_000], "huge.json"));

        page.WaitForAssertion(() => Assert.Contains("huge.json is 1,100,000 bytes; a template import is at most 1,048,576.", page.Find("[data-testid=import-problems]").TextContent));
        Assert.Equal("", page.Find("[data-testid=import-template] textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task UploadFile_ExportedTemplateWithANewKey_ImportsAndListsIt()
    {
        var json = (await S.Services.GetRequiredService<TemplateEditorService>().ExportAsync(TestTemplates.Key)).Replace("\"key\": \"TST\"", "\"key\": \"TSU\"");
        var page = Open();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(json, "tsu.json"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-template] button").HasAttribute("disabled")));
        page.Find("[data-testid=import-template] button").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-template=TSU]")));
        Assert.Equal(1, (await S.Templates.GetByKeyAsync("TSU")).CurrentVersion);
    }
}
