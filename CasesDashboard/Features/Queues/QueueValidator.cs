using System.Text.Json;
using System.Text.RegularExpressions;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Queues;

/// <summary>What a queue check needs to know about the rest of the store.</summary>
internal sealed record QueueCheckContext(CasesDbContext Db, IReadOnlyList<TemplateSummary> Templates, IReadOnlyList<UserInfo> Users,
    IReadOnlyList<QueueInfo> Queues);

/// <summary>
/// Checks a queue an admin saves, every problem by its path (<c>members[2]</c>, <c>conditions.and[1].value</c>): a key and name of
/// its own, members who can work cases, a sensible cap, and routing conditions that name only what exists — templates (not
/// archived), statuses and fields of the current templates, attributes routing reacts to.
/// </summary>
internal static partial class QueueValidator
{
    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex KeyShape();

    public const int MaxCap = 10_000;

    /// <summary>What routing cannot use: routing runs on creation and on changes of these attributes only (<see cref="QueueRouter.Affects"/>).</summary>
    private static readonly string[] NotRouting =
        ["name", "assignee", "resolver", "case_queue", "created_at", "updated_at", "assigned_at", "resolved_at", "sla_expires_at", "redacted_at"];

    public static List<Problem> Validate(QueueDefinition d, string? publicId, QueueCheckContext x)
    {
        var p = new List<Problem>();
        var others = x.Queues.Where(q => q.PublicId != publicId).ToList();
        if (publicId is null && !KeyShape().IsMatch(d.Key ?? ""))
            p.Add(new("key", "is 2-40 lower-case letters, digits or '-', starting with a letter (templates name their default queue by it)."));
        else if (publicId is null && others.Any(q => q.Key == d.Key)) p.Add(new("key", $"Another queue has the key '{d.Key}'."));
        if (string.IsNullOrWhiteSpace(d.Name)) p.Add(new("name", "is required."));
        else if (d.Name.Trim().Length > 100) p.Add(new("name", "is at most 100 characters."));
        else if (others.Any(q => string.Equals(q.Name, d.Name.Trim(), StringComparison.OrdinalIgnoreCase))) p.Add(new("name", $"Another queue is called {d.Name.Trim()}."));
        if (d.Description?.Length > 1_000) p.Add(new("description", "is at most 1,000 characters."));
        if (d.MaxOpenPerAnalyst is < 1 or > MaxCap) p.Add(new("max_open_per_analyst", $"is between 1 and {MaxCap:N0}, or empty for no cap."));
        for (var i = 0; i < d.MemberIds.Count; i++)
        {
            var user = x.Users.FirstOrDefault(u => u.Id == d.MemberIds[i]);
            if (user is null) p.Add(new($"members[{i}]", $"No user with id '{d.MemberIds[i]}'."));
            else if (!user.CanWork) p.Add(new($"members[{i}]", $"{user.DisplayName} is a viewer and cannot work cases."));
            else if (d.MemberIds.IndexOf(d.MemberIds[i]) < i) p.Add(new($"members[{i}]", $"{user.DisplayName} is listed twice."));
        }
        if (!string.IsNullOrWhiteSpace(d.Conditions)) CheckConditions(d.Conditions, x, p);
        return p;
    }

    private static void CheckConditions(string json, QueueCheckContext x, List<Problem> p)
    {
        CasePredicate tree;
        try { tree = CasePredicateJson.Parse(json, "conditions"); }
        catch (MalformedInputException e) { p.AddRange(e.Problems); return; }
        var ids = x.Queues.ToDictionary(q => q.PublicId, q => q.Id);
        var before = p.Count;
        foreach (var leaf in CasePredicateJson.Leaves(tree))
        {
            if (NotRouting.Contains(leaf.Attribute))
            {
                p.Add(new($"{leaf.Path}.attribute", $"'{leaf.Attribute}' cannot route cases: routing runs when a case is created and when its status, "
                    + "template, priority, tags, fields or linked objects change."));
                continue;
            }
            try { new CaseConditions(x.Db, x.Templates, x.Users, ids).Compile(leaf); }
            catch (InputException e) { p.AddRange(e.Problems); continue; }
            if (leaf.Attribute == "template")
                foreach (var archived in Strings(leaf.Value).Select(v => x.Templates.FirstOrDefault(t => t.Key == TemplateIds.KeyOf(v))).Where(t => t is { Archived: true }))
                    p.Add(new($"{leaf.Path}.value", $"Template {archived!.Key} is archived; its cases are no longer created."));
            if (leaf.Attribute == "status")
                foreach (var status in Strings(leaf.Value).Where(s => !x.Templates.Any(t => !t.Archived && t.Definition.FindStatus(s) is not null)))
                    p.Add(new($"{leaf.Path}.value", $"'{status}' is not a status of any case template."));
        }
        if (p.Count > before) return;
        try { new CaseConditions(x.Db, x.Templates, x.Users, ids).Compile(tree); }
        catch (InputException e) { p.AddRange(e.Problems); }
    }

    private static IEnumerable<string> Strings(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => [v.GetString()!],
        JsonValueKind.Array => v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
        _ => [],
    };
}
