using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>Queues for tests, made through the admin's own <see cref="QueueService"/>.</summary>
public static class TestQueues
{
    /// <summary>Conditions in the search language: one leaf.</summary>
    public static string Where(string attribute, string op, object? value) =>
        System.Text.Json.JsonSerializer.Serialize(new { attribute, @operator = op, value });

    public static string All(params string[] conditions) => $"{{\"and\":[{string.Join(",", conditions)}]}}";

    public static async Task<QueueInfo> CreateAsync(this TestStore s, string name, string? conditions = null, IEnumerable<Actor>? members = null,
        AssignmentPolicy policy = AssignmentPolicy.Manual, int? cap = null, QueueSortOrder order = QueueSortOrder.SlaFirst, bool skipAway = true) =>
        await s.Get<QueueService>().CreateAsync(new QueueDefinition
        {
            Key = name.ToLowerInvariant().Replace(' ', '-'), Name = name, Conditions = conditions, Policy = policy, MaxOpenPerAnalyst = cap,
            SortOrder = order, SkipAway = skipAway, MemberIds = (members ?? []).Select(m => m.Id).ToList(),
        }, s.Admin);

    /// <summary>The public id of the queue the case is in (null: none).</summary>
    public static async Task<string?> QueueOfAsync(this TestStore s, string caseId) => (await s.Query.GetAsync(caseId, s.Admin)).Queue?.PublicId;
}
