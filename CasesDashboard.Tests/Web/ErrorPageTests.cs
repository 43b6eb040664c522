using System.Net;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Web;

/// <summary>An unhandled exception in Production: the error page with a request id, nothing of the code.</summary>
public sealed class ErrorPageTests(ErrorPageTests.ThrowingApp app) : IClassFixture<ErrorPageTests.ThrowingApp>
{
    /// <summary>The app with one extra path, <c>/throw</c>, that fails inside the app's own pipeline.</summary>
    public sealed class ThrowingApp : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, ThrowingPath>());
        }

        private sealed class ThrowingPath : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Use((context, following) => context.Request.Path == "/throw"
                    ? throw new InvalidOperationException("Secret detail from deep inside the app")
                    : following(context));
            };
        }
    }

    [Fact]
    public async Task Exception_Production_ShowsTheErrorPageWithoutAStackTrace()
    {
        var client = await app.SignedInAsync("viewer@example.com");

        var response = await client.GetAsync("/throw");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("An error occurred while processing your request.", html);
        Assert.DoesNotContain("Secret detail", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("ErrorPageTests", html);
    }
}
