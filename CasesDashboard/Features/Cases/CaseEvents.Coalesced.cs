namespace CasesDashboard.Features.Cases;

public sealed partial class CaseEvents
{
    /// <summary>
    /// Subscribes an open page that wants changes in bursts: the first change starts one timer of <paramref name="window"/>, every
    /// change until it fires joins the same batch, and <paramref name="handler"/> gets the batch once. A bulk change of 10,000 cases
    /// thus costs an open grid a handful of calls, not 10,000. Dispose to unsubscribe (a batch not yet handed over is dropped).
    /// </summary>
    public IDisposable SubscribeCoalesced(TimeSpan window, Func<IReadOnlyList<CaseChanged>, Task> handler) =>
        new CoalescedSubscription(this, window, handler);

    private sealed class CoalescedSubscription : IDisposable
    {
        private readonly CaseEvents events;
        private readonly TimeSpan window;
        private readonly Func<IReadOnlyList<CaseChanged>, Task> handler;
        private readonly Lock gate = new();
        private List<CaseChanged> pending = [];
        private ITimer? timer;
        private bool disposed;

        public CoalescedSubscription(CaseEvents events, TimeSpan window, Func<IReadOnlyList<CaseChanged>, Task> handler)
        {
            (this.events, this.window, this.handler) = (events, window, handler);
            events.Changed += OnChanged;
        }

        private Task OnChanged(CaseChanged change)
        {
            lock (gate)
            {
                if (disposed) return Task.CompletedTask;
                pending.Add(change);
                timer ??= events.clock.CreateTimer(_ => _ = FlushAsync(), null, window, Timeout.InfiniteTimeSpan);
            }
            return Task.CompletedTask;
        }

        private async Task FlushAsync()
        {
            List<CaseChanged> batch;
            lock (gate)
            {
                (batch, pending) = (pending, []);
                timer?.Dispose();
                timer = null;
                if (disposed || batch.Count == 0) return;
            }
            try { await handler(batch); }
            catch (Exception e) { events.logger.LogWarning(e, "A page failed on {Count} coalesced case changes", batch.Count); }
        }

        public void Dispose()
        {
            events.Changed -= OnChanged;
            lock (gate)
            {
                disposed = true;
                timer?.Dispose();
                timer = null;
                pending = [];
            }
        }
    }
}
