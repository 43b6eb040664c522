using System.Text.Json;
using Bogus;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Bench;

/// <summary>One batch of bench data: the objects to import first, then the cases that link to them.</summary>
public sealed record BenchBatch(ObjectBundle Objects, IReadOnlyList<BulkCase> Cases);

/// <summary>
/// Deterministic bench data (Bogus, fixed seed per batch): cases over the seeded templates spread across 90 days,
/// ~3 linked objects per case, tags, comments, every status, ~70% assigned, SLA from the template.
/// </summary>
public sealed class BenchDataset(IReadOnlyList<TemplateSummary> templates, IReadOnlyList<UserInfo> workers, DateTime now, int seed = 42)
{
    private static readonly string[] Tags = ["vip-driver", "repeat-offender", "night-shift", "airport", "new-market", "manual-review", "partner-fleet", "sim-swap"];
    private static readonly string[] Notes = ["Checked the account history.", "Documents re-uploaded and legible.", "Driver confirmed by phone.", "Device shared with two accounts.", "Vendor result arrived."];

    public BenchBatch Batch(int index, int size)
    {
        var f = new Faker("en") { Random = new Randomizer(seed * 1_000_003 + index) };
        var objects = new ObjectBundle();
        var cases = new List<BulkCase>(size);
        for (var i = 0; i < size; i++)
        {
            var t = f.PickRandom(templates.ToList());
            var status = f.Random.WeightedRandom(t.Definition.Statuses.ToArray(),
                t.Definition.Statuses.Select(s => s.Type == StatusType.End ? 0.6f / t.Definition.Statuses.Count(x => x.Type == StatusType.End)
                    : s.Type == StatusType.Initial ? 0.15f : 0.25f / Math.Max(1, t.Definition.Statuses.Count(x => x.Type == StatusType.Intermediate))).ToArray());
            var created = now.AddMinutes(-f.Random.Double(5, 90 * 24 * 60));
            var assignee = status.Type != StatusType.Initial || f.Random.Bool(0.3f) ? f.PickRandom(workers.ToList()) : null;
            var assigned = assignee is null ? (DateTime?)null : created.AddMinutes(f.Random.Double(1, 240));
            DateTime? resolved = status.Type == StatusType.End ? Min(assigned!.Value.AddHours(f.Random.Double(0.5, 96)), now) : null;
            var ids = new List<string> { Add(objects.Accounts, "act_", f, new() { ["name"] = f.Name.FullName(), ["email"] = f.Internet.Email(), ["status"] = "active" }) };
            if (f.Random.Bool(0.6f)) ids.Add(Add(objects.Inquiries, "inq_", f, new() { ["status"] = f.PickRandom(Inquiry.Statuses), ["name_first"] = f.Name.FirstName(), ["name_last"] = f.Name.LastName() }));
            if (f.Random.Bool(0.5f)) ids.Add(Add(objects.Reports, "rep_", f, new() { ["report_type"] = f.PickRandom(Report.Types), ["status"] = "ready", ["match_count"] = f.Random.Bool(0.1f) ? 1 : 0 }));
            for (var n = f.Random.Int(0, 2); n > 0; n--)
                ids.Add(Add(objects.Transactions, "txn_", f, new() { ["amount"] = Math.Round(f.Random.Double(5, 5000), 2), ["currency"] = "USD", ["transaction_type"] = "payout", ["status"] = "completed" }));
            var select = t.Definition.Fields.FirstOrDefault(x => x.Type == FieldType.Select);
            var fields = select is null ? new Dictionary<string, JsonElement>() : new() { [select.Key] = JsonSerializer.SerializeToElement(f.PickRandom(select.Options)) };
            if (status.Type == StatusType.End)
                foreach (var required in t.Definition.RequiredToResolve) fields[required.Key] = Data.Seed.FieldSamples.Value(f, required, now, filled: true);
            cases.Add(new BulkCase(t.Key, status.Key, created)
            {
                Priority = f.Random.WeightedRandom([CasePriority.Low, CasePriority.Normal, CasePriority.High, CasePriority.Urgent], [0.2f, 0.5f, 0.22f, 0.08f]),
                AssigneeId = assignee?.Id, AssignedAt = assigned, ResolvedAt = resolved,
                Fields = fields,
                Tags = f.Random.Bool(0.4f) ? [f.PickRandom(Tags)] : [],
                ObjectIds = ids,
                Comments = assignee is not null && f.Random.Bool(0.5f) ? [new BulkComment(assignee.Id, f.PickRandom(Notes), assigned!.Value.AddMinutes(5))] : [],
            });
        }
        return new BenchBatch(objects, cases);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string Add(List<JsonElement> list, string prefix, Faker f, Dictionary<string, object?> payload)
    {
        var id = prefix + f.Random.String2(24, Common.PublicIds.Alphabet);
        payload["id"] = id;
        payload["reference_id"] = $"ref_{f.Random.Long(1_000_000, 9_999_999_999)}";
        list.Add(JsonSerializer.SerializeToElement(payload));
        return id;
    }
}
