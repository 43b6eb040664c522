using System.Text.RegularExpressions;
using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Cases;

/// <summary>Case names <c>KEY-n</c>: a per-template sequence, reserved inside the write transaction that creates the cases.</summary>
internal static partial class CaseNumbers
{
    /// <summary>
    /// Reserves <paramref name="count"/> consecutive numbers of a template and returns the first. The increment holds the
    /// write lock until commit, so no two cases share a number.
    /// </summary>
    public static async Task<int> ReserveAsync(CasesDbContext db, int templateId, int count, CancellationToken ct)
    {
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
