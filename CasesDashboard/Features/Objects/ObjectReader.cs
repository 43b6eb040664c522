using System.Globalization;
using System.Text.Json;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Objects;

/// <summary>
/// Reads an object from its JSON (the import format: snake_case names, <c>seed-data/objects.json</c>; the API converts to it),
/// adding a problem per attribute that does not fit instead of throwing, each at <c>{path}.{attribute}</c>.
/// </summary>
public static class ObjectReader
{
    /// <summary>The attributes each kind reads (besides <c>id</c>, <c>reference_id</c>, <c>status</c> and the creation time).</summary>
    public static readonly IReadOnlyDictionary<ObjectKind, string[]> Attributes = new Dictionary<ObjectKind, string[]>
    {
        [ObjectKind.Inquiry] = ["name_first", "name_last", "birthdate", "address", "checks"],
        [ObjectKind.Account] = ["name", "email", "phone"],
        [ObjectKind.Report] = ["report_type", "match_count", "matches"],
        [ObjectKind.Transaction] = ["amount", "currency", "transaction_type", "counterparty", "occurred_at"],
    };

    public static CaseObject? Read(ObjectKind kind, JsonElement e, string path, DateTime anchor, List<Problem> problems)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(path, "An object is a JSON object of attributes."));
            return null;
        }
        var before = problems.Count;
        var r = new Reader(e, path, problems);
        CaseObject o = kind switch
        {
            ObjectKind.Inquiry => new Inquiry
            {
                NameFirst = r.Text("name_first"), NameLast = r.Text("name_last"), Address = r.Text("address"), Birthdate = r.Date("birthdate"),
                Checks = r.List<VerificationCheck>("checks") ?? [],
            },
            ObjectKind.Account => new Account { Name = r.Text("name"), Email = r.Text("email")?.ToLowerInvariant(), Phone = r.Text("phone") },
            ObjectKind.Report => ReadReport(r),
            _ => new Transaction
            {
                Amount = r.Decimal("amount") ?? r.Missing<decimal>("amount"),
                Currency = r.Currency("currency") ?? "USD",
                TransactionType = r.Text("transaction_type") ?? "",
                Counterparty = r.Text("counterparty"),
                OccurredAt = ImportTime.Resolve(r.Time("occurred_at"), r.Number("occurred_hours_ago"), anchor),
            },
        };
        o.Kind = kind;
        o.Id = r.Text("id") ?? "";
        o.ReferenceId = r.Text("reference_id", 255);
        o.Status = r.Text("status", 64) ?? "";
        if (kind == ObjectKind.Inquiry && o.Status.Length > 0 && !Inquiry.Statuses.Contains(o.Status))
            problems.Add(new($"{path}.status", $"An inquiry's status is one of {string.Join(", ", Inquiry.Statuses)}."));
        o.CreatedAt = ImportTime.Resolve(r.Time("created_at"), r.Number("created_hours_ago"), anchor);
        return problems.Count == before ? o : null;
    }

    private static Report ReadReport(Reader r)
    {
        var type = r.Text("report_type") ?? r.Missing<string>("report_type") ?? "";
        if (type.Length > 0 && !Report.Types.Contains(type)) r.Problem("report_type", $"A report type is one of {string.Join(", ", Report.Types)}.");
        var matches = r.List<ReportMatch>("matches") ?? [];
        return new Report { ReportType = type, Matches = matches, MatchCount = (int?)r.Number("match_count") ?? matches.Count };
    }

    private sealed class Reader(JsonElement e, string path, List<Problem> problems)
    {
        private JsonElement? Get(string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

        public void Problem(string name, string message) => problems.Add(new(path.Length == 0 ? name : $"{path}.{name}", message));

        public T? Missing<T>(string name)
        {
            Problem(name, $"{name} is required.");
            return default;
        }

        public string? Text(string name, int max = 10_000)
        {
            if (Get(name) is not { } v) return null;
            if (v.ValueKind != JsonValueKind.String) { Problem(name, "must be text."); return null; }
            var s = v.GetString()!;
            if (s.Length > max) { Problem(name, $"must be at most {max:N0} characters."); return null; }
            return s;
        }

        public double? Number(string name)
        {
            if (Get(name) is not { } v) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d)) return d;
            Problem(name, "must be a number.");
            return null;
        }

        public decimal? Decimal(string name)
        {
            if (Get(name) is not { } v) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)) return d;
            Problem(name, "must be a number.");
            return null;
        }

        public DateOnly? Date(string name) => Text(name) is not { } s ? null
            : DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : Fail<DateOnly>(name, "must be a date (yyyy-MM-dd).");

        public DateTime? Time(string name) => Text(name) is not { } s ? null
            : DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime
            : Fail<DateTime>(name, "must be an ISO 8601 time such as 2026-11-24T09:00:00Z.");

        public string? Currency(string name) => Text(name) is not { } s ? null
            : s.Length == 3 && s.All(char.IsAsciiLetterUpper) ? s : Fail<string>(name, "must be a three-letter ISO currency code (USD).");

        public List<T>? List<T>(string name)
        {
            if (Get(name) is not { } v) return null;
            try
            {
                if (v.ValueKind == JsonValueKind.Array) return v.Deserialize<List<T>>(Json.Options);
            }
            catch (JsonException) { }
            Problem(name, $"must be a list of {typeof(T).Name switch { nameof(VerificationCheck) => "{name, status, detail}", _ => "{name, score, source, detail}" }}.");
            return null;
        }

        private T? Fail<T>(string name, string message)
        {
            Problem(name, message);
            return default;
        }
    }
}
