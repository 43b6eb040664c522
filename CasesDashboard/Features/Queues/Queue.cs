namespace CasesDashboard.Features.Queues;

/// <summary>The order a queue hands its cases out in (and lists them in). Each has its own indexes (<see cref="QueueOrders"/>).</summary>
public enum QueueSortOrder
{
    /// <summary>SLA due first, then the highest priority, then the oldest.</summary>
    SlaFirst,
    /// <summary>The highest priority first, then SLA due, then the oldest.</summary>
    PriorityFirst,
    /// <summary>The oldest first.</summary>
    OldestFirst,
}

/// <summary>How a queue's cases find an assignee (Persona's <c>case-assignment-policy</c>).</summary>
public enum AssignmentPolicy
{
    /// <summary>Nobody is assigned automatically: analysts take cases with Next case, leads assign.</summary>
    Manual,
    /// <summary>Each new case goes to the member who was given a case longest ago.</summary>
    RoundRobin,
    /// <summary>Each new case goes to the member with the fewest open cases.</summary>
    LeastLoaded,
}

/// <summary>
/// Persona's case queue: where cases wait for an analyst. Routing conditions (the API's predicate language, as JSON) place
/// a case in the first queue, by <see cref="Position"/>, whose conditions it meets. <see cref="Revision"/> refuses an admin's
/// stale save.
/// </summary>
public sealed class Queue
{
    public int Id { get; set; }
    /// <summary><c>cq_</c> + 24 base58 characters (the API's <c>case-queue-id</c>).</summary>
    public string PublicId { get; set; } = "";
    /// <summary>A short fixed key (a template's <c>default_queue</c> and seed-data name queues by it).</summary>
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Routing order: a case goes to the first queue (lowest position) whose conditions it meets.</summary>
    public int Position { get; set; }
    /// <summary>The routing condition as JSON (<c>{"and": [...]}</c>, <c>{"attribute", "operator", "value"}</c>…); null routes nothing here.</summary>
    public string? ConditionsJson { get; set; }
    public QueueSortOrder SortOrder { get; set; }
    public AssignmentPolicy Policy { get; set; }
    /// <summary>Open cases an analyst may hold before this queue's policy and Next case pass them by (null: no cap).</summary>
    public int? MaxOpenPerAnalyst { get; set; }
    /// <summary>Automatic assignment passes over analysts who are away.</summary>
    public bool SkipAway { get; set; } = true;
    public bool Archived { get; set; }
    public long Revision { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public List<QueueMember> Members { get; set; } = [];
}

/// <summary>A user who works a queue. <see cref="LastTurn"/> is the round robin's memory.</summary>
public sealed class QueueMember
{
    public int QueueId { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>Where the admin listed the member (policies break ties in this order).</summary>
    public int Position { get; set; }
    public DateTime AddedAt { get; set; }
    /// <summary>
    /// The queue's count of automatic assignments when its policy last gave this member a case (0: never). The next case goes
    /// to the eligible member with the lowest: a counter, not a time, so two assignments in one clock tick still take turns.
    /// </summary>
    public long LastTurn { get; set; }
}

/// <summary>Whether a user takes new cases: the app bar's away switch, and when one of their browser sessions was last open.</summary>
public sealed class Availability
{
    public string UserId { get; set; } = "";
    public bool Away { get; set; }
    public DateTime? AwaySince { get; set; }
    /// <summary>The last time a browser session of theirs was seen open (kept at most a minute stale while one is).</summary>
    public DateTime? LastSeenAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
