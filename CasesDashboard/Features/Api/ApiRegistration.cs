using CasesDashboard.Features.Security;
using CasesDashboard.Features.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CasesDashboard.Features.Api;

/// <summary>
/// The Cases API: <c>/api/v1</c> endpoint groups over the same services the pages call, authenticated only by API keys,
/// rate-limited per key, with idempotent POSTs; its OpenAPI document at <c>/openapi/v1.json</c> and a reference page
/// (Scalar, served from the app) at <c>/scalar/v1</c>. Webhooks (<c>/api/v1/webhooks</c>) map into the same group.
/// </summary>
public static class ApiRegistration
{
    public const string Prefix = "/api/v1";
    public const string ReferencePath = "/scalar/v1";

    public static WebApplicationBuilder AddCasesApi(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.Configure<ApiOptions>(builder.Configuration.GetSection("Api"));
        s.AddSingleton<CaseDocuments>();
        s.AddSingleton<IdempotencyStore>();
        s.AddSingleton<ApiRateLimitPolicy>();
        s.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        s.AddRateLimiter(o => o.AddPolicy<string, ApiRateLimitPolicy>(ApiRateLimitPolicy.Name));
        s.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith(Prefix[1..], StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CasesDashboard Cases API", Version = "v1",
                    Description = "Persona-shaped case management API. Authenticate with `Authorization: Bearer <API key>` (admins create keys at /admin/api-keys). " +
                        "Documents are `{data: {type, id, attributes, relationships}, included}`, kebab-case unless `Key-Inflection: camel|snake`; errors are " +
                        "`{errors: [{status, title, details, source: {pointer}}]}`. POSTs honour `Idempotency-Key`; state changes honour `If-Match: \"<version>\"`.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["api-key"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API key (pk_live_…) created at /admin/api-keys.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("api-key", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapCasesApi(this WebApplication app)
    {
        static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments(Prefix);
        app.UseWhen(IsApi, a => a.UseMiddleware<ApiPipeline>());
        app.UseRateLimiter();
        app.UseWhen(IsApi, a => a.UseMiddleware<IdempotencyMiddleware>());

        var api = app.MapGroup(Prefix)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName })
            .RequireRateLimiting(ApiRateLimitPolicy.Name)
            .AddEndpointFilter<ApiErrorFilter>()
            .DisableAntiforgery();
        api.MapCases().MapCaseActions().MapObjects().MapTemplates().MapWebhooks().MapQueues();
        api.MapFallback("{**path}", (HttpContext http) => ApiErrors.Result(404, $"No API endpoint answers {http.Request.Method} {http.Request.Path}."))
            .RequireAuthorization(Policies.ViewCases).ExcludeFromDescription();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("CasesDashboard API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }
}
