using CasesDashboard.Data;
using CasesDashboard.Features.Objects;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// What an analyst types into the grid's search box, taken from the loaded data: for random cases, a part of the account's
/// email (4–7 characters of its local part), of the person's last name (4–6 characters) or of its reference id (6 digits), in turn.
/// </summary>
public static class SearchTerms
{
    public static async Task<List<string>> SampleAsync(BenchHost host, int count, Random rng)
    {
        await using var db = await host.Get<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();
        var max = await db.Cases.MaxAsync(c => c.Id);
        var terms = new List<string>(count);
        while (terms.Count < count)
        {
            var start = rng.NextInt64(1, max + 1);
            var account = await (from l in db.CaseObjectLinks
                                 join o in db.Objects.OfType<Account>() on l.ObjectId equals o.Id
                                 where l.CaseId == db.Cases.Where(c => c.Id >= start).OrderBy(c => c.Id).Select(c => c.Id).First()
                                 select new { o.Email, o.Name, o.ReferenceId }).AsNoTracking().FirstOrDefaultAsync();
            if (account?.Email is null || account.Name is null || account.ReferenceId is null) continue;
            var part = (terms.Count % 3) switch
            {
                0 => account.Email.Split('@')[0],
                1 => account.Name.Split(' ')[^1],
                _ => new string(account.ReferenceId.Where(char.IsAsciiDigit).ToArray()),
            };
            var length = Math.Min(part.Length, (terms.Count % 3) switch { 0 => rng.Next(4, 8), 1 => rng.Next(4, 7), _ => 6 });
            if (length >= 3) terms.Add(part.Substring(rng.Next(part.Length - length + 1), length));
        }
        return terms;
    }
}
