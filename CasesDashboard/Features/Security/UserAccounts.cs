using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CasesDashboard.Data;
using Microsoft.AspNetCore.Identity;
using ValidationException = CasesDashboard.Features.Common.ValidationException;

namespace CasesDashboard.Features.Security;

public sealed record NewUser(string Email, string? DisplayName, IReadOnlyList<string> Roles, string Password);

/// <summary>Creates sign-in accounts: checks the roles and the email, then lets Identity judge the password.</summary>
public sealed class UserAccounts(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, CasesDbContext db, UserDirectory directory)
{
    /// <summary>Creates the user with these roles (and the four roles themselves if they are missing), all or nothing.</summary>
    public async Task<UserInfo> CreateAsync(NewUser request, CancellationToken ct = default)
    {
        var unknown = request.Roles.Where(r => RoleNamed(r) is null).ToList();
        if (unknown.Count > 0 || request.Roles.Count == 0)
            throw new ValidationException("role", (unknown.Count == 0 ? "No role given" : $"Unknown role {string.Join(", ", unknown.Select(r => $"'{r}'"))}")
                + $": use one of {string.Join(", ", Roles.All)}.");
        if (!new EmailAddressAttribute().IsValid(request.Email))
            throw new ValidationException("email", $"'{request.Email}' is not an email address.");
        if (await users.FindByEmailAsync(request.Email) is not null)
            throw new ValidationException("email", $"A user with the email {request.Email} already exists.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));
        var user = new ApplicationUser
        {
            UserName = request.Email, Email = request.Email, EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.Email : request.DisplayName.Trim(),
        };
        var granted = request.Roles.Select(r => RoleNamed(r)!).Distinct().ToList();
        Check(await users.CreateAsync(user, request.Password));
        Check(await users.AddToRolesAsync(user, granted));
        await transaction.CommitAsync(ct);
        directory.Invalidate();
        return new UserInfo(user.Id, request.Email, user.DisplayName, granted);
    }

    /// <summary>A password of 24 random characters that meets Identity's default rules (upper, lower, digit, symbol).</summary>
    public static string GeneratePassword()
    {
        const string letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        while (true)
        {
            var groups = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(letters, 6));
            var password = string.Join('-', groups);
            if (password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit)) return password;
        }
    }

    private static string? RoleNamed(string name) => Roles.All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Identity's own messages, each under the input it is about.</summary>
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new ValidationException(result.Errors
                .Select(e => new Common.Problem(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", e.Description)).ToList());
    }
}
