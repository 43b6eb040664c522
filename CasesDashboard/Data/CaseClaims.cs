using System.Data.Common;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CasesDashboard.Data;

/// <summary>
/// What a claim asks for: the queue and its order, the templates the claimer may work, who takes the case, when, and the detail
/// its audit event records.
/// </summary>
public sealed record ClaimRequest(int QueueId, QueueSortOrder Order, IReadOnlyList<int>? TemplateIds, Actor Claimer, string ClaimerName, DateTime Now,
    string AuditDetail);

/// <summary>The case a claim took, with the version the claim gave it.</summary>
public sealed record ClaimedCase(long Id, string PublicId, string Name, long Version);

/// <summary>
/// Next case, in the store: take the first waiting case of a queue (in its order) and assign it, so that under any number of
/// concurrent claimers each case goes to exactly one and none is passed over. The one provider-specific place of the claim:
/// <list type="bullet">
/// <item>SQLite (one writer, inside <c>BEGIN IMMEDIATE</c>): a single <c>UPDATE … WHERE Id = (SELECT … ORDER BY … LIMIT 1) RETURNING</c>.</item>
/// <item>PostgreSQL (a READ COMMITTED transaction, as every PostgreSQL write): the first row is selected
/// <c>FOR UPDATE SKIP LOCKED</c> — a row another claimer holds is stepped over, not waited for — and updated in the same statement.</item>
/// </list>
/// Both seek the queue's partial index of waiting cases (<see cref="QueueOrders"/>), bump the case's version and write its
/// <c>case.assigned</c> audit event (the columns <see cref="Features.Audit.AuditEvent"/> maps) in the caller's transaction: a
/// claim is one short write, and on SQLite the writer is everyone's. The caller publishes after commit, as for any assignment.
/// </summary>
public static class CaseClaims
{
    private const string Assign = """
        "AssigneeId" = @claimer, "AssignedAt" = @now, "FirstAssignedAt" = COALESCE("FirstAssignedAt", @now), "AssignerType" = @type, "AssignerId" = @claimer,
        "UpdatedAt" = @now, "UpdatedByName" = @name, "UpdaterType" = @type, "UpdaterId" = @claimer, "Version" = "Version" + 1
        """;

    private const string Audit = """
        INSERT INTO "AuditEvents" ("CaseId", "CaseVersion", "Type", "ActorType", "ActorId", "ActorName", "At", "Field", "NewValue", "Detail")
        """;

    public static async Task<ClaimedCase?> ClaimAsync(CasesDbContext db, ClaimRequest request, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A claim runs inside a write transaction (CasesStore.WriteAsync).");
        await using var cmd = Command(transaction, request);
        var templates = request.TemplateIds is null ? "" : $" AND \"TemplateId\" IN ({string.Join(", ", request.TemplateIds.DefaultIfEmpty(-1))})";
        var first = $"""
            SELECT "Id" FROM "Cases"
            WHERE "QueueId" = @queue AND {QueueOrders.WaitingFilter}{templates}
            ORDER BY {QueueOrders.Sql(request.Order)} LIMIT 1
            """;
        if (db.Database.IsNpgsql())
        {
            // One statement: lock the first free row, assign it, audit it.
            cmd.CommandText = $"""
                WITH next AS ({first} FOR UPDATE SKIP LOCKED),
                claimed AS (UPDATE "Cases" SET {Assign} FROM next WHERE "Cases"."Id" = next."Id"
                            RETURNING "Cases"."Id", "Cases"."PublicId", "Cases"."Name", "Cases"."Version"),
                audited AS ({Audit} SELECT "Id", "Version", 'case.assigned', @type, @claimer, @actor, @now, 'assignee', @name, @detail FROM claimed)
                SELECT "Id", "PublicId", "Name", "Version" FROM claimed
                """;
            return await ReadAsync(cmd, ct);
        }
        cmd.CommandText = $"""
            UPDATE "Cases" SET {Assign} WHERE "Id" = ({first})
            RETURNING "Id", "PublicId", "Name", "Version"
            """;
        if (await ReadAsync(cmd, ct) is not { } claimed) return null;
        await using var audit = Command(transaction, request);
        audit.CommandText = $"{Audit} VALUES (@case, @version, 'case.assigned', @type, @claimer, @actor, @now, 'assignee', @name, @detail)";
        Add(audit, "case", claimed.Id);
        Add(audit, "version", claimed.Version);
        await audit.ExecuteNonQueryAsync(ct);
        return claimed;
    }

    private static DbCommand Command(DbTransaction transaction, ClaimRequest request)
    {
        var cmd = transaction.Connection!.CreateCommand();
        cmd.Transaction = transaction;
        Add(cmd, "queue", request.QueueId);
        Add(cmd, "claimer", request.Claimer.Id);
        Add(cmd, "actor", request.Claimer.Name);
        Add(cmd, "now", request.Now);
        Add(cmd, "type", (int)request.Claimer.Type);
        Add(cmd, "name", request.ClaimerName);
        Add(cmd, "detail", request.AuditDetail);
        return cmd;
    }

    private static async Task<ClaimedCase?> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ClaimedCase(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)) : null;
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
