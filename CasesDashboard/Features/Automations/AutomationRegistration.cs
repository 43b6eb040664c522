namespace CasesDashboard.Features.Automations;

public static class AutomationRegistration
{
    /// <summary>Settings, the admin service, the engine (an event-log consumer) and the scheduler (both background services).</summary>
    public static IServiceCollection AddAutomations(this IServiceCollection s, IConfiguration configuration)
    {
        s.Configure<AutomationOptions>(configuration.GetSection("Automations"));
        s.AddSingleton<ConditionScopes>();
        s.AddSingleton<RuleValidator>();
        s.AddSingleton<RuleCatalog>();
        s.AddSingleton<ActionRunner>();
        s.AddSingleton<RuleRunner>();
        s.AddSingleton<AutomationService>();
        s.AddSingleton<RuleImporter>();
        s.AddSingleton<AutomationDryRun>();
        s.AddSingleton<ManualActions>();
        s.AddSingleton<AutomationBenchProbe>();
        s.AddSingleton<AutomationEngine>();
        s.AddSingleton<AutomationScheduler>();
        s.AddHostedService(sp => sp.GetRequiredService<AutomationEngine>());
        s.AddHostedService(sp => sp.GetRequiredService<AutomationScheduler>());
        return s;
    }
}
