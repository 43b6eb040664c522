using System.Text.Json;
using Bunit;
using CasesDashboard.Features.Cases.Components.Panels;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;

namespace CasesDashboard.Tests.Cases;

/// <summary>Each field type gets its own input, and emits a value its type accepts.</summary>
public sealed class FieldEditorTests : IAsyncLifetime
{
    private ComponentHarness h = default!;
    public async Task InitializeAsync() => h = await ComponentHarness.CreateAsync();
    public async Task DisposeAsync() => await h.DisposeAsync();

    private (IRenderedComponent<FieldEditor> Editor, List<JsonElement> Emitted) Render(string key, object? value = null)
    {
        var emitted = new List<JsonElement>();
        var field = TestTemplates.Review().FindField(key)!;
        var editor = h.Render<FieldEditor>(p => p
            .Add(x => x.Field, field)
            .Add(x => x.Value, value is null ? null : JsonValues.Of(value))
            .Add(x => x.ValueChanged, v => emitted.Add(v)));
        return (editor, emitted);
    }

    [Theory]
    [InlineData("note", "input[type=text]")]
    [InlineData("story", "textarea")]
    [InlineData("count", "input[inputmode=decimal], input[inputmode=numeric]")]
    [InlineData("due", "input[type=date]")]
    [InlineData("verdict", ".mud-select")]
    [InlineData("flags", ".mud-select")]
    [InlineData("confirmed", "input[type=checkbox]")]
    [InlineData("evidence", "textarea")]
    public void Render_EachFieldType_UsesItsInput(string key, string selector)
    {
        Assert.NotEmpty(Render(key).Editor.FindAll(selector));
    }

    [Fact]
    public void Render_Money_HasAmountAndCurrencyAndEmitsBoth()
    {
        var (editor, emitted) = Render("loss", new { amount = 10.5m, currency = "EUR" });

        Assert.Equal(2, editor.FindAll("input").Count);
        editor.FindAll("input")[1].Change("gbp");

        var money = Assert.Single(emitted);
        Assert.Equal((10.5m, "GBP"), (money.GetProperty("amount").GetDecimal(), money.GetProperty("currency").GetString()));
    }

    [Fact]
    public void Change_Text_EmitsStringAndClearingEmitsNull()
    {
        var (editor, emitted) = Render("note", "old");

        editor.Find("input").Change("new");
        editor.Find("input").Change("");

        Assert.Equal([JsonValueKind.String, JsonValueKind.Null], emitted.Select(e => e.ValueKind));
        Assert.Equal("new", emitted[0].GetString());
    }

    [Fact]
    public void Change_Checkbox_EmitsBoolean()
    {
        var (editor, emitted) = Render("confirmed");

        editor.Find("input[type=checkbox]").Change(true);

        Assert.Equal(JsonValueKind.True, Assert.Single(emitted).ValueKind);
    }

    [Fact]
    public void Change_JsonWithSyntaxError_ShowsPositionAndEmitsNothing()
    {
        var (editor, emitted) = Render("evidence");

        editor.Find("textarea").Change("[\"trp_1\",");

        Assert.Empty(emitted);
        Assert.Contains("Invalid JSON at line 1", editor.Markup);
        editor.Find("textarea").Change("[\"trp_1\"]");
        Assert.Equal(JsonValueKind.Array, Assert.Single(emitted).ValueKind);
    }

    [Fact]
    public void Render_RequiredToResolve_IsMarkedInTheLabel()
    {
        Assert.Contains("Verdict *", Render("verdict").Editor.Markup);
        Assert.DoesNotContain("Note *", Render("note").Editor.Markup);
    }
}
