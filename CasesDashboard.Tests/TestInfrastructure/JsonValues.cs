using System.Text.Json;

namespace CasesDashboard.Tests.TestInfrastructure;

public static class JsonValues
{
    public static JsonElement Of(object? value) => JsonSerializer.SerializeToElement(value);

    public static Dictionary<string, JsonElement> Fields(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => Of(v.Value));
}
