using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features;

public static class FeatureRegistration
{
    /// <summary>The domain services. They are stateless over the store (one DbContext per call), so singletons.</summary>
    public static WebApplicationBuilder AddCasesFeatures(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton(TimeProvider.System);
        s.Configure<CaseLimits>(builder.Configuration.GetSection("Cases"));
        s.Configure<SeedOptions>(builder.Configuration.GetSection("Seed"));
        s.AddSingleton<CaseEvents>();
        s.AddSingleton<UserDirectory>();
        s.AddSingleton<TemplateService>();
        s.AddSingleton<ObjectService>();
        s.AddSingleton<CaseService>();
        s.AddSingleton<CaseQuery>();
        s.AddSingleton<CaseImporter>();
        s.AddScoped<UserImporter>();
        s.AddScoped<SeedImporter>();
        return builder;
    }
}
