namespace CasesDashboard.Features.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    /// <summary>How long one attempt may take (connect, send, the answer's headers) before it counts as failed.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 10;
    /// <summary>Attempts per delivery, the first included; after the last one the delivery is given up and the subscription disabled.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The wait after the first failed attempt; each further failure doubles it (±20 % jitter), up to <see cref="BackoffCapSeconds"/>.</summary>
    public int BackoffBaseSeconds { get; set; } = 30;
    public int BackoffCapSeconds { get; set; } = 3600;
    /// <summary>Failed attempts in a row (over all of a subscription's deliveries) after which the subscription disables itself.</summary>
    public int FailuresBeforeDisable { get; set; } = 100;
    /// <summary>How often the dispatcher looks for due deliveries when nothing wakes it.</summary>
    public double DispatcherPeriodSeconds { get; set; } = 1;
    /// <summary>Audit events the outbox turns into deliveries per transaction.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>Deliveries in flight at once (never two of one subscription and case).</summary>
    public int Concurrency { get; set; } = 16;
    /// <summary>Whether URLs may point at loopback or private networks. False in Production; true in Development and tests.</summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>Finished deliveries (delivered or given up) are deleted after this many days.</summary>
    public int RetentionDays { get; set; } = 30;

    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(AttemptTimeoutSeconds);
    public TimeSpan DispatcherPeriod => TimeSpan.FromSeconds(DispatcherPeriodSeconds);

    /// <summary>What is wrong with these settings, if anything (checked at start).</summary>
    public string? Problem() =>
        AttemptTimeoutSeconds < 1 ? "Webhooks:AttemptTimeoutSeconds is at least 1."
        : MaxAttempts < 1 ? "Webhooks:MaxAttempts is at least 1."
        : BackoffBaseSeconds < 1 || BackoffCapSeconds < BackoffBaseSeconds ? "Webhooks:BackoffBaseSeconds is at least 1 and BackoffCapSeconds at least that."
        : FailuresBeforeDisable < 1 ? "Webhooks:FailuresBeforeDisable is at least 1."
        : DispatcherPeriodSeconds <= 0 ? "Webhooks:DispatcherPeriodSeconds is above 0."
        : BatchSize < 1 || Concurrency < 1 ? "Webhooks:BatchSize and Webhooks:Concurrency are at least 1."
        : RetentionDays < 1 ? "Webhooks:RetentionDays is at least 1."
        : null;
}

internal sealed class WebhookOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<WebhookOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.Problem() is { } problem ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem) : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
