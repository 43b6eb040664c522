using CasesDashboard.Features.Objects;
using Microsoft.Data.Sqlite;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// What an analyst types into the grid's search box, taken from the loaded data: for random cases, a part of the account's
/// email (4–7 characters of its local part), of the person's last name (4–6 characters) or of its reference id (6 digits), in turn.
/// </summary>
public static class SearchTerms
{
    public static async Task<List<string>> SampleAsync(string connectionString, int count, Random rng)
    {
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT MAX(Id) FROM Cases";
        var max = Convert.ToInt64(await cmd.ExecuteScalarAsync());
        cmd.CommandText = "SELECT o.Email, o.Name, o.ReferenceId FROM CaseObjectLinks l JOIN Objects o ON o.Id = l.ObjectId " +
                          "WHERE l.CaseId = (SELECT Id FROM Cases WHERE Id >= $id ORDER BY Id LIMIT 1) AND o.Kind = $kind";
        var id = cmd.Parameters.Add("$id", SqliteType.Integer);
        cmd.Parameters.AddWithValue("$kind", (int)ObjectKind.Account);
        var terms = new List<string>(count);
        while (terms.Count < count)
        {
            id.Value = rng.NextInt64(1, max + 1);
            await using var r = await cmd.ExecuteReaderAsync();
            if (!await r.ReadAsync() || r.IsDBNull(0) || r.IsDBNull(1) || r.IsDBNull(2)) continue;
            var part = (terms.Count % 3) switch
            {
                0 => r.GetString(0).Split('@')[0],
                1 => r.GetString(1).Split(' ')[^1],
                _ => new string(r.GetString(2).Where(char.IsAsciiDigit).ToArray()),
            };
            var length = Math.Min(part.Length, (terms.Count % 3) switch { 0 => rng.Next(4, 8), 1 => rng.Next(4, 7), _ => 6 });
            if (length >= 3) terms.Add(part.Substring(rng.Next(part.Length - length + 1), length));
        }
        return terms;
    }
}
