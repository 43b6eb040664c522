using CasesDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Security;

public sealed record UserInfo(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles)
{
    public bool CanWork => Roles.Any(r => r is Security.Roles.Analyst or Security.Roles.Lead or Security.Roles.Admin);
}

/// <summary>The people who can be named on a case (assignees, authors), read from Identity and cached briefly.</summary>
public sealed class UserDirectory(IDbContextFactory<CasesDbContext> factory, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private (IReadOnlyList<UserInfo> Users, DateTimeOffset At)? cache;

    public async Task<IReadOnlyList<UserInfo>> AllAsync(CancellationToken ct = default)
    {
        if (cache is { } c && clock.GetUtcNow() - c.At < Lifetime) return c.Users;
        await using var db = await factory.CreateDbContextAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var users = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct))
            .Select(u => new UserInfo(u.Id, u.Email ?? "", string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList()))
            .ToList();
        cache = (users, clock.GetUtcNow());
        return users;
    }

    public async Task<UserInfo?> FindAsync(string? id, CancellationToken ct = default) =>
        id is null ? null : (await AllAsync(ct)).FirstOrDefault(u => u.Id == id);

    public async Task<UserInfo?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        (await AllAsync(ct)).FirstOrDefault(u => string.Equals(u.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task<string?> NameOfAsync(string? id, CancellationToken ct = default) =>
        id is null ? null : (await FindAsync(id, ct))?.DisplayName ?? id;

    public void Invalidate() => cache = null;
}
