using System.Text.RegularExpressions;
using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

/// <summary>Case names <c>KEY-n</c>: a per-template sequence.</summary>
internal static partial class CaseNumbers
{
    /// <summary>
    /// Reserves <paramref name="count"/> consecutive numbers of a template and returns the first. SQLite: inside the write
    /// transaction that creates the cases (the one writer holds the lock until commit, so no two cases share a number and
    /// none is skipped). PostgreSQL: like a sequence, in a statement of its own that commits at once — concurrent creations
    /// of one template would otherwise all contend for the counter's row and fail serialization; a creation that fails after
    /// reserving leaves a gap in the numbers, as sequences do.
    /// </summary>
    public static async Task<int> ReserveAsync(CasesDbContext db, int templateId, int count, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await using var own = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
            await own.OpenAsync(ct);
            await using var next = new Npgsql.NpgsqlCommand(
                """UPDATE "CaseTemplates" SET "NextSequence" = "NextSequence" + @n WHERE "Id" = @id RETURNING "NextSequence" - @n""", own);
            next.Parameters.AddWithValue("n", count);
            next.Parameters.AddWithValue("id", templateId);
            return Convert.ToInt32(await next.ExecuteScalarAsync(ct));
        }
        await db.CaseTemplates.Where(t => t.Id == templateId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextSequence, t => t.NextSequence + count), ct);
        return await db.CaseTemplates.Where(t => t.Id == templateId).Select(t => t.NextSequence - count).SingleAsync(ct);
    }

    public static string Name(string templateKey, int number) => $"{templateKey}-{number}";

    /// <summary>Whether <paramref name="text"/> has the shape of a case name (a template key, a dash, a number), in any case.</summary>
    public static bool IsNameShaped(string text) => NameShape().IsMatch(text);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{1,9}-[0-9]{1,9}$")]
    private static partial Regex NameShape();
}
