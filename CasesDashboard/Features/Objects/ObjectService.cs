using System.Globalization;
using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Objects;

/// <summary>A set of objects in the import format: <c>{"inquiries": [...], "accounts": [...], "reports": [...], "transactions": [...]}</c>.</summary>
public sealed class ObjectBundle
{
    public List<JsonElement> Inquiries { get; set; } = [];
    public List<JsonElement> Accounts { get; set; } = [];
    public List<JsonElement> Reports { get; set; } = [];
    public List<JsonElement> Transactions { get; set; } = [];
}

/// <summary>Imports verification objects (typed key columns + the whole payload) and finds them by id.</summary>
public sealed class ObjectService(CasesStore store, TimeProvider clock)
{
    /// <summary>
    /// Adds the objects whose ids are new; existing ids are left as they are. Returns how many were added. Each new object
    /// is audited (<c>inquiry.created</c>, … with the object as the subject) in the same transaction, so event-log consumers
    /// (automations creating cases from objects) see it.
    /// </summary>
    public async Task<int> ImportAsync(ObjectBundle bundle, CancellationToken ct = default, Actor? actor = null)
    {
        actor ??= Actor.System("import");
        var anchor = clock.GetUtcNow().UtcDateTime;
        var problems = new List<Problem>();
        var parsed = new List<CaseObject>();
        void Parse(List<JsonElement> items, string path, Func<JsonElement, CaseObject> map, ObjectKind kind)
        {
            for (var i = 0; i < items.Count; i++)
            {
                try
                {
                    var o = map(items[i]);
                    o.Id = Str(items[i], "id") ?? "";
                    if (!o.Id.StartsWith(CaseObject.PrefixOf(kind), StringComparison.Ordinal) || o.Id.Length > 40)
                        throw new FormatException($"id must start with {CaseObject.PrefixOf(kind)} (at most 40 characters).");
                    o.ReferenceId = Str(items[i], "reference_id");
                    o.Status = Str(items[i], "status") ?? "";
                    o.CreatedAt = Time(items[i], "created", anchor);
                    o.PayloadJson = items[i].GetRawText();
                    parsed.Add(o);
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
                {
                    problems.Add(new($"{path}[{i}]", e.Message));
                }
            }
        }
        Parse(bundle.Inquiries, "inquiries", MapInquiry, ObjectKind.Inquiry);
        Parse(bundle.Accounts, "accounts", MapAccount, ObjectKind.Account);
        Parse(bundle.Reports, "reports", MapReport, ObjectKind.Report);
        Parse(bundle.Transactions, "transactions", e => MapTransaction(e, anchor), ObjectKind.Transaction);
        if (problems.Count > 0) throw new ValidationException(problems);

        return await store.WriteAsync(async db =>
        {
            var added = 0;
            foreach (var chunk in parsed.DistinctBy(o => o.Id).Chunk(500))
            {
                var ids = chunk.Select(o => o.Id).ToList();
                var existing = await db.Objects.Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
                var fresh = chunk.Where(o => !existing.Contains(o.Id)).ToList();
                await BulkWriter.InsertAsync(db, fresh.OfType<Inquiry>().ToList(), ct);
                await BulkWriter.InsertAsync(db, fresh.OfType<Account>().ToList(), ct);
                await BulkWriter.InsertAsync(db, fresh.OfType<Report>().ToList(), ct);
                await BulkWriter.InsertAsync(db, fresh.OfType<Transaction>().ToList(), ct);
                await BulkWriter.InsertAsync(db, fresh.Select(o => AuditEvent.By(actor, anchor, ObjectEventTypes.Created(CaseObject.KindOfId(o.Id)!.Value), subject: ObjectEventTypes.Subject(o.Id),
                    field: "status", newValue: o.Status)).ToList(), ct);
                added += fresh.Count;
            }
            return added;
        }, ct);
    }

    public async Task<CaseObject?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var db = await store.ReadAsync(ct);
        return await db.Objects.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
    }

    private static Inquiry MapInquiry(JsonElement e) => new()
    {
        NameFirst = Str(e, "name_first"), NameLast = Str(e, "name_last"), Address = Str(e, "address"),
        Birthdate = Str(e, "birthdate") is { } b ? DateOnly.ParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        Checks = e.TryGetProperty("checks", out var c) ? c.Deserialize<List<VerificationCheck>>(Json.Options) ?? [] : [],
    };

    private static Account MapAccount(JsonElement e) => new()
    {
        Name = Str(e, "name"), Email = Str(e, "email")?.ToLowerInvariant(), Phone = Str(e, "phone"),
    };

    private static Report MapReport(JsonElement e)
    {
        var matches = e.TryGetProperty("matches", out var m) ? m.Deserialize<List<ReportMatch>>(Json.Options) ?? [] : [];
        return new Report
        {
            ReportType = Str(e, "report_type") ?? throw new FormatException("report_type is required."),
            Matches = matches,
            MatchCount = e.TryGetProperty("match_count", out var n) ? n.GetInt32() : matches.Count,
        };
    }

    private static Transaction MapTransaction(JsonElement e, DateTime anchor) => new()
    {
        Amount = e.TryGetProperty("amount", out var a) ? a.GetDecimal() : throw new FormatException("amount is required."),
        Currency = Str(e, "currency") ?? "USD",
        TransactionType = Str(e, "transaction_type") ?? "",
        Counterparty = Str(e, "counterparty"),
        OccurredAt = Time(e, "occurred", anchor),
    };

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTime Time(JsonElement e, string prefix, DateTime anchor) => ImportTime.Resolve(
        e.TryGetProperty($"{prefix}_at", out var at) ? at.GetDateTime() : null,
        e.TryGetProperty($"{prefix}_hours_ago", out var h) ? h.GetDouble() : null, anchor);
}
