using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Webhooks;

public static class WebhookRegistration
{
    /// <summary>Settings, the admin service, the outbox (an event-log consumer) and the dispatcher (both background services), the HTTP client.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection s, IConfiguration configuration)
    {
        s.AddOptions<WebhookOptions>().Bind(configuration.GetSection("Webhooks")).ValidateOnStart();
        s.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        s.AddSingleton<WebhookSecrets>();
        s.AddSingleton<WebhookSignal>();
        s.AddSingleton<WebhookSender>();
        s.AddSingleton<WebhookAttemptLog>();
        s.AddSingleton<WebhookService>();
        s.AddSingleton<WebhookOutbox>();
        s.AddSingleton<WebhookDispatcher>();
        s.AddHostedService(sp => sp.GetRequiredService<WebhookOutbox>());
        s.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        s.AddWebhookHttp();
        return s;
    }
}
