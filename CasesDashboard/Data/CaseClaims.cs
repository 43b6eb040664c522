using System.Data.Common;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CasesDashboard.Data;

/// <summary>What a claim asks for: the queue and its order, the templates the claimer may work, who takes the case, when.</summary>
public sealed record ClaimRequest(int QueueId, QueueSortOrder Order, IReadOnlyList<int>? TemplateIds, Actor Claimer, string ClaimerName, DateTime Now);

/// <summary>The case a claim took, with the version the claim gave it.</summary>
public sealed record ClaimedCase(long Id, string PublicId, string Name, long Version);

/// <summary>
/// Next case, in the store: take the first waiting case of a queue (in its order) and assign it, so that under any number of
/// concurrent claimers each case goes to exactly one and none is passed over. The one provider-specific place of the claim:
/// <list type="bullet">
/// <item>SQLite (one writer, inside <c>BEGIN IMMEDIATE</c>): a single <c>UPDATE … WHERE Id = (SELECT … ORDER BY … LIMIT 1) RETURNING</c>.</item>
/// <item>PostgreSQL (a READ COMMITTED transaction, see <see cref="StoreIsolation"/>): the first row is selected
/// <c>FOR UPDATE SKIP LOCKED</c> — a row another claimer holds is stepped over, not waited for — and updated in the same statement.</item>
/// </list>
/// Both seek the queue's partial index of waiting cases (<see cref="QueueOrders"/>). The caller writes the audit event in the
/// same transaction and publishes after commit, as for any assignment.
/// </summary>
public static class CaseClaims
{
    private const string Assign = """
        "AssigneeId" = @claimer, "AssignedAt" = @now, "AssignerType" = @type, "AssignerId" = @claimer,
        "UpdatedAt" = @now, "UpdatedByName" = @name, "UpdaterType" = @type, "UpdaterId" = @claimer, "Version" = "Version" + 1
        """;

    public static async Task<ClaimedCase?> ClaimAsync(CasesDbContext db, ClaimRequest request, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A claim runs inside a write transaction (CasesStore.WriteAsync).");
        await using var cmd = transaction.Connection!.CreateCommand();
        cmd.Transaction = transaction;
        var templates = request.TemplateIds is null ? "" : $" AND \"TemplateId\" IN ({string.Join(", ", request.TemplateIds.DefaultIfEmpty(-1))})";
        var first = $"""
            SELECT "Id" FROM "Cases"
            WHERE "QueueId" = @queue AND {QueueOrders.WaitingFilter}{templates}
            ORDER BY {QueueOrders.Sql(request.Order)} LIMIT 1
            """;
        cmd.CommandText = db.Database.IsNpgsql()
            ? $"""
              WITH next AS ({first} FOR UPDATE SKIP LOCKED)
              UPDATE "Cases" SET {Assign} FROM next WHERE "Cases"."Id" = next."Id"
              RETURNING "Cases"."Id", "Cases"."PublicId", "Cases"."Name", "Cases"."Version"
              """
            : $"""
              UPDATE "Cases" SET {Assign} WHERE "Id" = ({first})
              RETURNING "Id", "PublicId", "Name", "Version"
              """;
        Add(cmd, "queue", request.QueueId);
        Add(cmd, "claimer", request.Claimer.Id);
        Add(cmd, "now", request.Now);
        Add(cmd, "type", (int)request.Claimer.Type);
        Add(cmd, "name", request.ClaimerName);
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
