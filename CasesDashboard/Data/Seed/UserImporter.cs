using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.Identity;

namespace CasesDashboard.Data.Seed;

public sealed record UserImportDocument(string Email, string DisplayName, List<string> Roles);

/// <summary>Creates the users that do not exist yet. Existing users (and their passwords) are left alone.</summary>
public sealed class UserImporter(UserManager<ApplicationUser> users, UserAccounts accounts)
{
    public async Task<int> ImportAsync(IEnumerable<UserImportDocument> documents, string password)
    {
        var created = 0;
        foreach (var d in documents)
        {
            if (await users.FindByEmailAsync(d.Email) is not null) continue;
            await accounts.CreateAsync(new NewUser(d.Email, d.DisplayName, d.Roles, password));
            created++;
        }
        return created;
    }
}
