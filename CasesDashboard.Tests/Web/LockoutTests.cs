using System.Net;
using System.Text.RegularExpressions;
using CasesDashboard.Data;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Web;

/// <summary>Repeated failed sign-ins: an unknown email answers exactly as a known one, and the lockout is explained.</summary>
public sealed class LockoutTests(LockoutTests.CountingApp app) : IClassFixture<LockoutTests.CountingApp>
{
    private const string RightPassword = "Right-pass-2026!";

    /// <summary>The app with its password hasher counting how many hashes each sign-in checks.</summary>
    public sealed class CountingApp : AppFactory
    {
        public TestPasswordHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher));
        }
    }

    public sealed class TestPasswordHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> inner = new();
        private int verified;
        public int Verified => verified;

        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verified);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private async Task<string> NewUserAsync()
    {
        var email = $"known-{Guid.NewGuid():N}@example.com";
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(new NewUser(email, null, [Roles.Viewer], RightPassword));
        return email;
    }

    /// <summary>What the sign-in page says after one attempt (its status and its message).</summary>
    private async Task<(HttpStatusCode Status, string Message)> AttemptAsync(string email, string password = "Wrong-pass-2026!")
    {
        var response = await AppFactory.SignInAsync(app.NewClient(), email, password);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, WebUtility.HtmlDecode(Regex.Match(html, "role=\"alert\"[^>]*>([^<]*)<").Groups[1].Value));
    }

    [Fact]
    public async Task SignIn_RepeatedFailures_UnknownEmailAnswersLikeAKnownOneAtEveryAttempt()
    {
        var known = await NewUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";

        for (var attempt = 1; attempt <= 11; attempt++)
        {
            var (knownAnswer, unknownAnswer) = (await AttemptAsync(known), await AttemptAsync(unknown));
            Assert.Equal(knownAnswer, unknownAnswer);
            Assert.Equal(attempt >= 10, knownAnswer.Message.Contains("too many failed sign-ins"));
        }
    }

    [Fact]
    public async Task SignIn_Locked_SaysForHowLongAndWhatToDo()
    {
        var known = await NewUserAsync();
        for (var attempt = 1; attempt < 10; attempt++) await AttemptAsync(known);

        var (status, message) = await AttemptAsync(known);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Error: too many failed sign-ins (10 in a row): this email is locked for 5 minutes from the last of them. "
            + "Wait, then try again; if you no longer know your password, ask your administrator.", message);
    }

    [Fact]
    public async Task SignIn_Locked_RightPasswordIsRefusedToo()
    {
        var known = await NewUserAsync();
        for (var attempt = 1; attempt <= 10; attempt++) await AttemptAsync(known);

        var (status, message) = await AttemptAsync(known, RightPassword);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("too many failed sign-ins", message);
    }

    [Fact]
    public async Task SignIn_WrongPassword_TellsHowManyFailuresLock()
    {
        var (_, message) = await AttemptAsync(await NewUserAsync());

        Assert.Equal("Error: wrong email or password. After 10 failed attempts in a row, sign-in with that email is locked for 5 minutes.", message);
    }

    [Fact]
    public async Task SignIn_UnknownEmail_ChecksAPasswordHashLikeAKnownOne()
    {
        var known = await NewUserAsync();

        var before = app.Hasher.Verified;
        await AttemptAsync(known);
        var forKnown = app.Hasher.Verified - before;
        await AttemptAsync($"nobody-{Guid.NewGuid():N}@example.com");
        var forUnknown = app.Hasher.Verified - before - forKnown;

        Assert.Equal((1, 1), (forKnown, forUnknown));
    }
}
