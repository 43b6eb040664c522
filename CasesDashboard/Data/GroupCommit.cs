namespace CasesDashboard.Data;

/// <summary>
/// Group commit for writes that queue for SQLite's one writer anyway: concurrent callers hand in their item, one of them (the
/// leader) writes every item waiting at that moment in one transaction, and each caller gets its own result once that commits.
/// After its batch the leader passes the lead to the first caller that arrived meanwhile, so nobody leads for long. The write
/// sees the items in arrival order and runs them one after another on one connection, so each sees what the previous did.
/// A failed transaction fails every item of its batch (the store has already retried what can be retried).
/// </summary>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write)
{
    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Lead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly object gate = new();
    private List<Pending> waiting = [];
    private bool leading;

    public async Task<TResult> RunAsync(TItem item)
    {
        var me = new Pending(item);
        lock (gate)
        {
            waiting.Add(me);
            if (!leading) (leading, _) = (true, me.Lead.TrySetResult());
        }
        await Task.WhenAny(me.Done.Task, me.Lead.Task);
        if (!me.Done.Task.IsCompleted) await LeadAsync();
        return await me.Done.Task;
    }

    private async Task LeadAsync()
    {
        List<Pending> batch;
        lock (gate) (batch, waiting) = (waiting, []);
        try
        {
            var results = await write(batch.Select(p => p.Item).ToList());
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
        catch (Exception e)
        {
            foreach (var p in batch) p.Done.TrySetException(e);
        }
        finally
        {
            lock (gate)
            {
                if (waiting.Count > 0) waiting[0].Lead.TrySetResult();
                else leading = false;
            }
        }
    }
}
