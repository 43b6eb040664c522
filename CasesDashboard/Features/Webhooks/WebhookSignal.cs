namespace CasesDashboard.Features.Webhooks;

/// <summary>Wakes the dispatcher when deliveries were queued in this process (it also looks every <c>DispatcherPeriodSeconds</c>).</summary>
public sealed class WebhookSignal : Common.Pulse;
