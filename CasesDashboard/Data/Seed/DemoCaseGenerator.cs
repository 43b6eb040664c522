using System.Text.Json;
using Bogus;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Data.Seed;

/// <summary>
/// Believable synthetic cases from a fixed seed: the same people, objects and histories on every fresh start,
/// spread over the 60 days before <paramref name="anchor"/> and over every status of every template. Output is the import
/// format. Nothing reads the machine's clock: the same seed and anchor give the same data.
/// </summary>
public sealed class DemoCaseGenerator(int seed, IReadOnlyList<TemplateSummary> templates, DateTime anchor)
{
    private static readonly string[] Workers =
        ["analyst@example.com", "ana.silva@example.com", "tomas.novak@example.com", "mei.chen@example.com", "kwame.mensah@example.com", "lead@example.com"];
    private static readonly string[] Notes =
    [
        "Checked the account history: no earlier flags on this driver.",
        "Documents re-uploaded; the new scan is legible.",
        "Called the driver on the registered number; details confirmed.",
        "Device fingerprint matches two other accounts; linked them for context.",
        "Payout pattern is consistent with trip earnings over the last 30 days.",
        "Vendor result arrived; nothing beyond minor traffic violations.",
        "Escalating for a second opinion on the document authenticity.",
        "Driver explained the activity with receipts; attached to the file.",
    ];
    private static readonly string[] Currencies = ["USD", "EUR", "GBP", "MXN"];
    private static readonly string[] TagPool = ["vip-driver", "repeat-offender", "night-shift", "airport", "new-market", "manual-review", "partner-fleet"];

    private readonly Faker f = new("en") { Random = new Randomizer(seed) };
    private readonly ObjectBundle objects = new();

    public (ObjectBundle Objects, List<CaseImportDocument> Cases) Generate(int count)
    {
        var cases = new List<CaseImportDocument>(count);
        for (var i = 0; i < count; i++) cases.Add(NextCase(f.PickRandom(templates.ToList())));
        return (objects, cases.OrderByDescending(c => c.CreatedHoursAgo).ToList());
    }

    private CaseImportDocument NextCase(TemplateSummary template)
    {
        var d = template.Definition;
        var hoursAgo = Math.Round(f.Random.Double(0.5, 60 * 24), 2);
        var person = new Person("en", f.Random.Int(), anchor);
        var target = f.PickRandom(d.Statuses);
        var doc = new CaseImportDocument
        {
            Template = d.Key, CreatedHoursAgo = hoursAgo, CreatedBy = "risk-engine",
            Priority = f.Random.WeightedRandom([CasePriority.Low, CasePriority.Normal, CasePriority.High, CasePriority.Urgent], [0.2f, 0.5f, 0.22f, 0.08f]),
            Tags = f.Random.Bool(0.35f) ? [f.PickRandom(TagPool)] : [],
        };
        doc.Objects.Add(AddAccount(person, hoursAgo));
        if (d.Key == "DOR" || f.Random.Bool(0.4f)) doc.Objects.Add(AddInquiry(person, hoursAgo));
        if (f.Random.Bool(0.5f)) doc.Objects.Add(AddReport(person, hoursAgo));
        if (d.Key is "FRD" or "TMR")
            for (var t = f.Random.Int(1, 4); t > 0; t--) doc.Objects.Add(AddTransaction(person, hoursAgo));

        foreach (var field in d.Fields.Where(x => f.Random.Bool(0.5f) && x.Type != FieldType.LongText))
            doc.Fields[field.Key] = Value(field);

        if (target.Type != StatusType.Initial || f.Random.Bool(0.5f))
        {
            doc.Assignee = f.PickRandom(Workers);
            doc.AssignHoursAgo = hoursAgo * f.Random.Double(0.7, 0.95);
        }
        if (target.Type != StatusType.Initial) AddSteps(doc, d, target, hoursAgo);
        return doc;
    }

    private void AddSteps(CaseImportDocument doc, TemplateDefinition d, StatusDefinition target, double hoursAgo)
    {
        var path = new List<ActionDefinition>();
        if (target.Type == StatusType.End && d.Actions.FirstOrDefault(a => d.FindStatus(a.TargetStatus)?.Type == StatusType.Intermediate) is { } first)
            path.Add(first);
        if (d.Actions.FirstOrDefault(a => a.TargetStatus == target.Key) is { } last) path.Add(last);
        var at = doc.AssignHoursAgo ?? hoursAgo;
        foreach (var action in path)
        {
            at *= f.Random.Double(0.4, 0.9);
            var by = action.Roles.Count > 0 && doc.Assignee != "lead@example.com" ? "lead@example.com" : doc.Assignee!;
            var fields = d.RequiredFor(action).ToDictionary(x => x.Key, x => Value(x, filled: true));
            doc.Steps.Add(new ImportedStep(action.Key, by, HoursAgo: at, Fields: fields,
                Comment: action.CommentRequired || f.Random.Bool(0.3f) ? f.PickRandom(Notes) : null));
        }
    }

    private JsonElement Value(FieldDefinition field, bool filled = false) => FieldSamples.Value(f, field, anchor, filled);

    private string Add(List<JsonElement> list, string prefix, Dictionary<string, object?> payload)
    {
        var id = prefix + f.Random.String2(24, Features.Common.PublicIds.Alphabet);
        payload["id"] = id;
        list.Add(JsonSerializer.SerializeToElement(payload));
        return id;
    }

    private string AddAccount(Person p, double hoursAgo) => Add(objects.Accounts, "act_", new()
    {
        ["reference_id"] = $"drv_{f.Random.Int(100000, 999999)}", ["status"] = f.PickRandom("active", "active", "active", "suspended"),
        ["created_hours_ago"] = hoursAgo + f.Random.Int(24, 24 * 900), ["name"] = p.FullName, ["email"] = p.Email.ToLowerInvariant(), ["phone"] = p.Phone,
    });

    private string AddInquiry(Person p, double hoursAgo)
    {
        var failed = f.Random.Bool(0.3f) ? f.PickRandom("selfie_matches_id", "id_not_expired", "name_matches_account", "id_document_authentic") : null;
        var checks = new[] { "id_document_authentic", "id_not_expired", "selfie_matches_id", "name_matches_account", "age_over_21" }
            .Select(c => new Dictionary<string, string> { ["name"] = c, ["status"] = c == failed ? "failed" : "passed" }).ToList();
        return Add(objects.Inquiries, "inq_", new()
        {
            ["reference_id"] = $"driver-{p.FirstName.ToLowerInvariant()}-{f.Random.Int(100, 999)}",
            ["status"] = failed is null ? f.PickRandom("completed", "approved") : f.PickRandom("needs_review", "declined", "failed"),
            ["created_hours_ago"] = hoursAgo + f.Random.Double(0.1, 12), ["name_first"] = p.FirstName, ["name_last"] = p.LastName,
            ["birthdate"] = p.DateOfBirth.ToString("yyyy-MM-dd"), ["address"] = $"{p.Address.Street}, {p.Address.City} {p.Address.ZipCode}",
            ["checks"] = checks,
        });
    }

    private string AddReport(Person p, double hoursAgo)
    {
        var type = f.PickRandom(Report.Types);
        var matches = f.Random.Bool(0.2f)
            ? new[] { new Dictionary<string, object> { ["name"] = p.FullName, ["score"] = Math.Round(f.Random.Double(0.55, 0.97), 2), ["source"] = f.PickRandom("OFAC SDN", "UN", "EU", "news"), ["detail"] = "Possible name match; birth year differs" } }
            : [];
        return Add(objects.Reports, "rep_", new()
        {
            ["reference_id"] = $"{type}-{f.Random.Int(10000, 99999)}", ["report_type"] = type, ["status"] = "ready",
            ["created_hours_ago"] = hoursAgo + f.Random.Double(0.1, 6), ["match_count"] = matches.Length, ["matches"] = matches,
        });
    }

    private string AddTransaction(Person p, double hoursAgo) => Add(objects.Transactions, "txn_", new()
    {
        ["reference_id"] = $"pay_{f.Random.Long(100000000, 999999999)}", ["transaction_type"] = f.PickRandom("payout", "trip_charge", "wallet_topup", "promo_credit", "refund"),
        ["status"] = f.PickRandom("completed", "completed", "pending", "reversed"), ["amount"] = Math.Round(f.Random.Decimal(5, 4500), 2),
        ["currency"] = f.PickRandom(Currencies), ["counterparty"] = f.Company.CompanyName(), ["occurred_hours_ago"] = hoursAgo + f.Random.Double(1, 240),
    });
}
