using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.Identity;

namespace CasesDashboard.Data.Seed;

public sealed record UserImportDocument(string Email, string DisplayName, List<string> Roles);

/// <summary>Creates roles and users that do not exist yet. Existing users (and their passwords) are left alone.</summary>
public sealed class UserImporter(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, UserDirectory directory)
{
    public async Task<int> ImportAsync(IEnumerable<UserImportDocument> documents, string password)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        var created = 0;
        foreach (var d in documents)
        {
            if (await users.FindByEmailAsync(d.Email) is not null) continue;
            var unknown = d.Roles.Except(Roles.All).ToList();
            if (unknown.Count > 0) throw new ValidationException($"users.{d.Email}.roles", $"Unknown role(s): {string.Join(", ", unknown)}.");
            var user = new ApplicationUser { UserName = d.Email, Email = d.Email, EmailConfirmed = true, DisplayName = d.DisplayName };
            Check(await users.CreateAsync(user, password), d.Email);
            Check(await users.AddToRolesAsync(user, d.Roles), d.Email);
            created++;
        }
        directory.Invalidate();
        return created;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new ValidationException(what, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
