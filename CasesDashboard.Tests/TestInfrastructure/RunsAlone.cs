namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>
/// Tests that must not run beside others: the bench writes thousands of rows in one PostgreSQL transaction, and while a write
/// transaction is open anywhere on the server the event log's readable end (<c>pg_snapshot_xmin</c>, ADR 007) waits for it, so
/// event consumers in every other test database would stall behind it. xUnit runs this collection after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "runs alone";
}
