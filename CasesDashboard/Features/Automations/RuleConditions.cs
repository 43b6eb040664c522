using System.Text.Json.Nodes;
using CasesDashboard.Data;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Automations;

/// <summary>What a case condition is compiled against: the templates, users and queues as they are now, and now (for relative times).</summary>
public sealed record ConditionScope(IReadOnlyList<TemplateSummary> Templates, IReadOnlyList<UserInfo> Users, IReadOnlyDictionary<string, int> Queues,
    DateTime? Now = null)
{
    internal CaseConditions Over(CasesDbContext db) => new(db, Templates, Users, Queues, Now);
}

public sealed class ConditionScopes(TemplateService templates, UserDirectory users, Queues.QueueDirectory queues, TimeProvider clock)
{
    public async Task<ConditionScope> LoadAsync(CancellationToken ct = default) =>
        new(await templates.ListAsync(ct), await users.AllAsync(ct), await queues.IdsAsync(ct), clock.GetUtcNow().UtcDateTime);
}

/// <summary>
/// A rule's case condition is the search API's condition language, parsed by <see cref="CaseSearchBody"/> and compiled by
/// <see cref="CaseConditions"/> into one query over the cases in hand: a batch of triggered cases is tested with one query per
/// rule, not one per case. When a case does not match, <see cref="ExplainAsync"/> names the first part of the condition that
/// was false.
/// </summary>
public static class RuleConditions
{
    /// <summary>The condition as a predicate (null: always true). Malformed input names its path under <c>condition</c>.</summary>
    public static CasePredicate? Parse(JsonObject? condition)
    {
        if (condition is null || condition.Count == 0) return null;
        var wrapper = new JsonObject { ["condition"] = condition.DeepClone() };
        return CaseSearchBody.Predicate(new Members(wrapper, ""), "condition");
    }

    /// <summary>Checks the condition compiles against the current templates and users (unknown field, template, user: refused).</summary>
    internal static void Validate(CasesDbContext db, CasePredicate predicate, ConditionScope scope) => scope.Over(db).Compile(predicate);

    /// <summary>Which of <paramref name="caseIds"/> satisfy <paramref name="predicate"/>: one query.</summary>
    internal static async Task<HashSet<long>> MatchingAsync(CasesDbContext db, CasePredicate? predicate, IReadOnlyCollection<long> caseIds,
        ConditionScope scope, CancellationToken ct)
    {
        if (predicate is null || caseIds.Count == 0) return caseIds.ToHashSet();
        var test = scope.Over(db).Compile(predicate);
        var ids = caseIds.ToList();
        return (await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Where(test).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>The first top-level part of the condition the case fails, as text (the whole condition when it is one part).</summary>
    internal static async Task<string> ExplainAsync(CasesDbContext db, CasePredicate predicate, long caseId, ConditionScope scope, CancellationToken ct)
    {
        if (predicate is AllOf all)
            foreach (var part in all.Items)
                if ((await MatchingAsync(db, part, [caseId], scope, ct)).Count == 0) return Describe(part);
        return Describe(predicate);
    }

    /// <summary>A condition as one line: <c>/condition/and/1: priority eq "high"</c>.</summary>
    public static string Describe(CasePredicate p) => $"{p.Path}: {Text(p)}";

    private static string Text(CasePredicate p) => p switch
    {
        Condition { Quantifier: "all" } c => $"all {c.Attribute} {c.Operator} {c.Value.GetRawText()}",
        Condition { JsonPath: { } jp } c => $"{c.Attribute} {jp} {c.Operator} {c.Value.GetRawText()}",
        Condition c => $"{c.Attribute} {c.Operator} {c.Value.GetRawText()}",
        AllOf a => "(" + string.Join(" and ", a.Items.Select(Text)) + ")",
        AnyOf a => "(" + string.Join(" or ", a.Items.Select(Text)) + ")",
        NotOf n => $"not {Text(n.Inner)}",
        _ => p.ToString(),
    };
}
