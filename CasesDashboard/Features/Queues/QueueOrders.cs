using System.Linq.Expressions;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Queues;

/// <summary>
/// The queue orders in one place: the columns each sorts by, as SQL for the claim and as LINQ for lists and counts, and the
/// partial indexes that make "the first waiting case of a queue" and "a queue's open cases in order" index seeks. Waiting
/// means open, unassigned and not redacted — what Next case and the assignment policies hand out.
/// </summary>
public static class QueueOrders
{
    private const int End = (int)StatusType.End;

    /// <summary>SQL filter of the open-cases indexes (identifiers quoted the way SQLite and PostgreSQL both read).</summary>
    public const string OpenFilter = "\"StatusType\" <> 2";

    /// <summary>SQL filter of the waiting-cases indexes, which the claim's WHERE repeats term by term so both databases use them.</summary>
    public const string WaitingFilter = "\"AssigneeId\" IS NULL AND \"StatusType\" <> 2 AND \"RedactedAt\" IS NULL";

    static QueueOrders()
    {
        if (End != 2) throw new InvalidOperationException("The index filters assume StatusType.End is stored as 2.");
    }

    /// <summary>The ORDER BY of a queue (unqualified column names of the Cases table), ending on the id so it is total.</summary>
    public static string Sql(QueueSortOrder order) => order switch
    {
        QueueSortOrder.PriorityFirst => "\"Priority\" DESC, \"SlaExpiresAt\", \"CreatedAt\", \"Id\"",
        QueueSortOrder.OldestFirst => "\"CreatedAt\", \"Id\"",
        _ => "\"SlaExpiresAt\", \"Priority\" DESC, \"CreatedAt\", \"Id\"",
    };

    public static IOrderedQueryable<Case> Apply(IQueryable<Case> cases, QueueSortOrder order) => order switch
    {
        QueueSortOrder.PriorityFirst => cases.OrderByDescending(c => c.Priority).ThenBy(c => c.SlaExpiresAt).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id),
        QueueSortOrder.OldestFirst => cases.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        _ => cases.OrderBy(c => c.SlaExpiresAt).ThenByDescending(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id),
    };

    /// <summary>The cases of <paramref name="queueId"/> still open. The constants stay literals so the partial indexes apply.</summary>
    public static IQueryable<Case> Open(IQueryable<Case> cases, int queueId) =>
        cases.Where(c => c.QueueId == queueId && c.StatusType != StatusType.End);

    /// <summary>The cases of <paramref name="queueId"/> waiting for an analyst (the waiting indexes' filter, term by term).</summary>
    public static IQueryable<Case> Waiting(IQueryable<Case> cases, int queueId) =>
        cases.Where(c => c.QueueId == queueId && c.AssigneeId == null && c.StatusType != StatusType.End && c.RedactedAt == null);

    /// <summary>The index columns of each order, the descending flags, and a name part.</summary>
    public static IEnumerable<(QueueSortOrder Order, string Name, Expression<Func<Case, object?>> Columns, bool[] Descending)> Indexes() =>
    [
        (QueueSortOrder.SlaFirst, "Sla", c => new { c.QueueId, c.SlaExpiresAt, c.Priority, c.CreatedAt, c.Id }, [false, false, true, false, false]),
        (QueueSortOrder.PriorityFirst, "Priority", c => new { c.QueueId, c.Priority, c.SlaExpiresAt, c.CreatedAt, c.Id }, [false, true, false, false, false]),
        (QueueSortOrder.OldestFirst, "Oldest", c => new { c.QueueId, c.CreatedAt, c.Id }, [false, false, false]),
    ];

    public static string Label(QueueSortOrder order) => order switch
    {
        QueueSortOrder.PriorityFirst => "Priority, then SLA due, then age",
        QueueSortOrder.OldestFirst => "Oldest first",
        _ => "SLA due, then priority, then age",
    };
}
