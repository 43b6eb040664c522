using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using CasesDashboard.Features.Webhooks;
using CasesDashboard.Features.Automations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CasesDashboard.Features;

public static class FeatureRegistration
{
    /// <summary>The domain services. They are stateless over the store (one DbContext per call), so singletons.</summary>
    public static WebApplicationBuilder AddCasesFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddCasesFeatures(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddCasesFeatures(this IServiceCollection s, IConfiguration configuration)
    {
        s.TryAddSingleton(TimeProvider.System);
        s.Configure<CaseLimits>(configuration.GetSection("Cases"));
        s.Configure<SeedOptions>(configuration.GetSection("Seed"));
        s.Configure<Sla.SlaOptions>(configuration.GetSection("Sla"));
        s.AddSingleton<Sla.SlaRules>();
        s.AddSingleton<Sla.SlaPolicyService>();
        s.AddSingleton<Sla.SlaMonitor>();
        s.AddSingleton<Analytics.AnalyticsService>();
        s.AddSingleton<Notifications.NotificationSignal>();
        s.AddSingleton<Notifications.NotificationService>();
        s.AddSingleton<Notifications.NotificationConsumer>();
        s.AddHostedService(sp => sp.GetRequiredService<Notifications.NotificationConsumer>());
        s.AddHostedService(sp => sp.GetRequiredService<Sla.SlaMonitor>());
        s.AddSingleton<CaseEvents>();
        s.AddSingleton<UserDirectory>();
        s.AddSingleton<TemplateService>();
        s.AddSingleton<ObjectService>();
        s.Configure<Queues.QueueOptions>(configuration.GetSection("Queues"));
        s.AddSingleton<Queues.QueueDirectory>();
        s.AddSingleton<Queues.QueueRouter>();
        s.AddSingleton<Queues.QueueService>();
        s.AddSingleton<Queues.QueueQuery>();
        s.AddSingleton<Queues.QueueBoard>();
        s.AddSingleton<Queues.QueueForecast>();
        s.AddSingleton<Queues.NextCase>();
        s.AddSingleton<Queues.AssignmentPolicies>();
        s.AddSingleton<Queues.AvailabilityService>();
        s.AddSingleton<Queues.Presence>();
        s.AddSingleton<Queues.AssignmentConsumer>();
        s.AddHostedService(sp => sp.GetRequiredService<Queues.AssignmentConsumer>());
        s.AddHostedService<Queues.PresenceHeartbeat>();
        s.AddSingleton<CaseService>();
        s.AddSingleton<CaseQuery>();
        s.AddSingleton<CaseFeed>();
        s.Configure<Cases.Bulk.BulkOptions>(configuration.GetSection("Bulk"));
        s.AddSingleton<Cases.Bulk.BulkActions>();
        s.AddSingleton<Views.SavedViewService>();
        s.AddSingleton<Cases.Export.ExportProgress>();
        s.AddSingleton<Cases.Export.CaseExport>();
        s.AddSingleton<Api.ApiKeyService>();
        s.AddWebhooks(configuration);
        s.AddAutomations(configuration);
        s.AddSingleton<CaseImporter>();
        s.AddSingleton<CaseBulkImporter>();
        s.AddSingleton<TemplateEditorService>();
        s.AddSingleton<TemplateMigrator>();
        s.AddSingleton<TemplateHistory>();
        s.AddScoped<UserAccounts>();
        s.AddScoped<UserImporter>();
        s.AddScoped<SeedImporter>();
        return s;
    }
}
