using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CasesDashboard.Tests.Security;

/// <summary>Failures for emails without an account follow Identity's lockout options, as real accounts do.</summary>
public sealed class UnknownEmailLockoutTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly UnknownEmailLockout lockout;

    public UnknownEmailLockoutTests() =>
        lockout = new(Options.Create(new IdentityOptions { Lockout = { MaxFailedAccessAttempts = 3, DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5) } }), clock);

    [Fact]
    public void Fail_AsManyTimesAsAllowed_LocksOnTheLastOne()
    {
        Assert.Equal([false, false, true], Enumerable.Range(0, 3).Select(_ => lockout.Fail("NOBODY@EXAMPLE.COM")).ToArray());
        Assert.True(lockout.IsLockedOut("NOBODY@EXAMPLE.COM"));
        Assert.False(lockout.IsLockedOut("SOMEONE@EXAMPLE.COM"));
    }

    [Fact]
    public void IsLockedOut_AfterTheLockoutTime_IsFalseAndFailuresCountAfresh()
    {
        for (var i = 0; i < 3; i++) lockout.Fail("NOBODY@EXAMPLE.COM");

        clock.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(1)));

        Assert.False(lockout.IsLockedOut("NOBODY@EXAMPLE.COM"));
        Assert.False(lockout.Fail("NOBODY@EXAMPLE.COM"));
    }

    public void Dispose() => lockout.Dispose();
}
