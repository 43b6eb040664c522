using CasesDashboard.Components.Account;
using CasesDashboard.Data;
using CasesDashboard.Features.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;

namespace CasesDashboard.Components;

public static class UiRegistration
{
    public static WebApplicationBuilder AddCasesUi(this WebApplicationBuilder builder)
    {
        // In every environment, not only Development: the build output finds MudBlazor's and Blazor's files through the
        // build's static web assets manifest. A published folder has them in wwwroot and no manifest; this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        var s = builder.Services;
        s.AddRazorComponents().AddInteractiveServerComponents();
        // Snackbars at the bottom: at the top they cover the page's own buttons (save, publish, actions).
        s.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 8000;
        });
        s.AddCascadingAuthenticationState();
        s.AddScoped<Shortcuts.ShortcutRegistry>();
        s.AddScoped<Shortcuts.GridTrail>();
        s.AddScoped<IdentityRedirectManager>();
        s.AddScoped<Features.Queues.Components.NextCaseAction>();
        s.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, Features.Queues.Components.PresenceCircuitHandler>();
        s.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        s.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        s.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.Cookie.Name = "cases.auth";
            // A signed-in user whose role may not open a page gets 403 and the status page (re-executed below), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.RefuseEndedSessions();
        });
        // Anything not marked otherwise needs a signed-in user; pages and endpoints name their policy on top of that.
        s.AddAuthorizationBuilder()
            .AddCasesPolicies()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    public static WebApplication MapCasesUi(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        // Named here so they run after the headers and the error pages above (WebApplication would put them first).
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapPost("/Account/Logout", async Task<IResult> (HttpContext http, IAntiforgery antiforgery, SignInManager<ApplicationUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.BadRequest("The sign-out form has expired; reload the page and try again.");
            await SessionStamp.EndAsync(signIn, http.User);
            return TypedResults.LocalRedirect("~/Account/Login");
        }).RequireAuthorization(Policies.ViewCases);
        return app;
    }
}
