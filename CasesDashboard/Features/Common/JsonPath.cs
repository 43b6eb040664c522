using System.Text.Json;

namespace CasesDashboard.Features.Common;

/// <summary>
/// The small JSON path subset a Key-Value panel uses: <c>$</c>, <c>.name</c>, <c>['any name']</c>, <c>[index]</c>.
/// </summary>
public static class JsonPath
{
    public static bool IsValid(string? path) => path is not null && TryParse(path, out _);

    /// <summary>The element at <paramref name="path"/>, or null when the document has nothing there.</summary>
    public static JsonElement? Select(JsonElement root, string path)
    {
        if (!TryParse(path, out var steps)) return null;
        var current = root;
        foreach (var step in steps)
        {
            if (step is int index)
            {
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength()) return null;
                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty((string)step, out current))
            {
                return null;
            }
        }
        return current;
    }

    private static bool TryParse(string path, out List<object> steps)
    {
        steps = [];
        if (!path.StartsWith('$')) return false;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] != '.' && path[i] != '[') i++;
                if (i == start) return false;
                steps.Add(path[start..i]);
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0) return false;
                var inner = path[(i + 1)..close];
                if (inner.Length >= 2 && inner[0] == '\'' && inner[^1] == '\'') steps.Add(inner[1..^1]);
                else if (int.TryParse(inner, out var n) && n >= 0) steps.Add(n);
                else return false;
                i = close + 1;
            }
            else return false;
        }
        return true;
    }
}
