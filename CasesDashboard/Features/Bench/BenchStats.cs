using System.Text.Json.Serialization;

namespace CasesDashboard.Features.Bench;

/// <summary>One row of the bench table and of its JSON.</summary>
public sealed record BenchOperation(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("median_ms")] double? MedianMs,
    [property: JsonPropertyName("p95_ms")] double? P95Ms,
    [property: JsonPropertyName("per_second")] double? PerSecond,
    [property: JsonPropertyName("baseline_ratio")] double? BaselineRatio,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonIgnore] string Target = "")
{
    /// <summary>The row with every figure that is not a number (a baseline of zero: nothing to compare with) left empty, as JSON has no infinity.</summary>
    public BenchOperation Finite()
    {
        static double? F(double? x) => x is { } v && double.IsFinite(v) ? v : null;
        return this with { MedianMs = F(MedianMs), P95Ms = F(P95Ms), PerSecond = F(PerSecond), BaselineRatio = F(BaselineRatio) };
    }
}

public sealed record BenchReport(
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("operations")] IReadOnlyList<BenchOperation> Operations,
    [property: JsonPropertyName("double_claims")] int? DoubleClaims,
    [property: JsonPropertyName("db_bytes_per_case")] double DbBytesPerCase,
    [property: JsonPropertyName("peak_working_set_bytes")] long PeakWorkingSetBytes,
    [property: JsonPropertyName("store")] string Store)
{
    /// <summary>Waiting cases a claim run passed over (must be 0, like <see cref="DoubleClaims"/>).</summary>
    [JsonPropertyName("skipped_claims")] public int? SkippedClaims { get; init; }

    /// <summary>Row groups left out of this run (<c>--skip</c>); their rows are absent, not zero.</summary>
    [JsonPropertyName("skipped_groups")] public IReadOnlyList<string> SkippedGroups { get; init; } = [];
}

public static class Stats
{
    public static double Median(IReadOnlyList<double> xs) => Percentile(xs, 0.5);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> xs, double p)
    {
        if (xs.Count == 0) return 0;
        var sorted = xs.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Runs <paramref name="op"/> <paramref name="count"/> times after <paramref name="warmup"/> untimed runs; returns milliseconds.</summary>
    public static async Task<List<double>> TimeAsync(int warmup, int count, Func<int, Task> op)
    {
        for (var i = 0; i < warmup; i++) await op(i);
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await op(warmup + i);
            times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }
}
