using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Security;

/// <summary>
/// Failed sign-ins for emails that have no account, counted the way Identity counts them for real accounts
/// (<see cref="LockoutOptions"/>): the same number of failures locks the email for the same time, so the answers do
/// not tell which emails exist. Kept in memory (at most 100,000 emails, each forgotten a day after its last failure);
/// real accounts keep their count in the database.
/// </summary>
public sealed class UnknownEmailLockout(IOptions<IdentityOptions> options, TimeProvider clock) : IDisposable
{
    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset LockedUntil;
    }

    private readonly MemoryCache emails = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private LockoutOptions Lockout => options.Value.Lockout;

    public bool IsLockedOut(string normalizedEmail) =>
        emails.TryGetValue(normalizedEmail, out Failures? f) && Locked(f!);

    /// <summary>Counts a failure; true when this one locks the email (as Identity's AccessFailedAsync does).</summary>
    public bool Fail(string normalizedEmail)
    {
        var failures = emails.GetOrCreate(normalizedEmail, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromDays(1);
            return new Failures();
        })!;
        lock (failures)
        {
            if (++failures.Count < Lockout.MaxFailedAccessAttempts) return false;
            failures.Count = 0;
            failures.LockedUntil = clock.GetUtcNow() + Lockout.DefaultLockoutTimeSpan;
            return true;
        }
    }

    private bool Locked(Failures failures)
    {
        lock (failures) return failures.LockedUntil > clock.GetUtcNow();
    }

    public void Dispose() => emails.Dispose();
}
