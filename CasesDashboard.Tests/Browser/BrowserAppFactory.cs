using System.Collections.Concurrent;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CasesDashboard.Tests.Browser;

/// <summary>
/// The real app on Kestrel (a loopback port) and Debian's Chromium driven by Playwright. Every page comes from
/// <see cref="NewPageAsync"/>, which records Content-Security-Policy violations; <see cref="BrowserTest"/> fails the test
/// that caused any.
/// </summary>
public class BrowserAppFactory : AppFactory, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;
    private IBrowser browser = default!;
    private readonly ConcurrentQueue<string> cspViolations = new();
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A page in a fresh browser context (its own cookies; 1400×1000 unless <paramref name="options"/> say otherwise), reporting every CSP violation it meets.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options ?? new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await context.ExposeFunctionAsync("__reportCspViolation", (string violation) => cspViolations.Enqueue("page: " + violation));
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e => window.__reportCspViolation(
                `${e.effectiveDirective} refused ${e.blockedURI} on ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`));
            """);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) cspViolations.Enqueue("console: " + message.Text);
        };
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>The violations recorded since the last call, which forgets them.</summary>
    public IReadOnlyList<string> TakeCspViolations()
    {
        var taken = new List<string>();
        while (cspViolations.TryDequeue(out var violation)) taken.Add(violation);
        return taken;
    }

    /// <summary>Also fails the test class when a violation was recorded that no <see cref="BrowserTest"/> took.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright?.Dispose();
        await DisposeAsync();
        if (TakeCspViolations() is { Count: > 0 } left)
            throw new InvalidOperationException("Content-Security-Policy violations:\n" + string.Join("\n", left));
    }
}

/// <summary>Base of every browser test: the test fails when a page it opened refused anything under the Content-Security-Policy.</summary>
public abstract class BrowserTest(BrowserAppFactory app) : BrowserTest<BrowserAppFactory>(app);

/// <summary>A browser test over an app configured its own way (<typeparamref name="TApp"/>, one per test class).</summary>
public abstract class BrowserTest<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime where TApp : BrowserAppFactory
{
    protected TApp App { get; } = app;

    public Task InitializeAsync()
    {
        App.TakeCspViolations(); // a violation belongs to the test that caused it
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        var violations = App.TakeCspViolations();
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
        return Task.CompletedTask;
    }
}
