using CasesDashboard.Data;
using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CasesDashboard.Tests.Audit;

/// <summary>The audit table as a durable event log: cursors, batches in one transaction with the consumer's writes, restarts.</summary>
public abstract class EventLogTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    private EventLog Log => s.Services.GetRequiredService<EventLog>();
    private CasesStore Store => s.Services.GetRequiredService<CasesStore>();

    /// <summary>Copies each case event's type into a tag on the case: a consumer that writes through the services.</summary>
    private sealed class TestRecorder(EventLog log, CasesStore store, EventLogSignal signal, List<string> seen, Func<AuditEvent, bool>? failOn = null)
        : EventLogConsumer("test-recorder", log, store, signal, NullLogger.Instance)
    {
        protected override async Task HandleAsync(IReadOnlyList<AuditEvent> batch, CancellationToken ct)
        {
            foreach (var e in batch)
            {
                if (failOn?.Invoke(e) == true) throw new InvalidOperationException("handler failed");
                seen.Add($"{e.Id}:{e.Type}");
                await Store.WriteAsync(db =>
                {
                    db.SeedMarkers.Add(new SeedMarker { Key = $"seen:{e.Id}", AppliedAt = e.At });
                    return Task.FromResult(0);
                }, ct);
            }
        }
    }

    private TestRecorder Recorder(List<string> seen, Func<AuditEvent, bool>? failOn = null) =>
        new(Log, Store, s.Services.GetRequiredService<EventLogSignal>(), seen, failOn);

    [SkippableFact]
    public async Task FirstRead_StartsAtTheHead_ThenSeesEachLaterEventOnceInOrder()
    {
        await s.NewCaseAsync();                                   // before the consumer existed
        var seen = new List<string>();
        var recorder = Recorder(seen);
        Assert.Equal(0, await recorder.CatchUpAsync());

        var id = await s.NewCaseAsync(s.Analyst);
        await s.Cases.AddCommentAsync(id, "hello", s.Analyst);
        await recorder.CatchUpAsync();
        await recorder.CatchUpAsync();

        Assert.Equal([CaseEventTypes.Created, CaseEventTypes.Assigned, CaseEventTypes.Commented], seen.Select(x => x.Split(':', 2)[1]));
        Assert.Equal(seen.Select(x => long.Parse(x.Split(':')[0])).Order(), seen.Select(x => long.Parse(x.Split(':')[0])));
    }

    [SkippableFact]
    public async Task FailingBatch_WritesNothingAndIsHandledAgainAfterARestart()
    {
        var seen = new List<string>();
        await Recorder(seen).CatchUpAsync();                      // cursor at the head
        await s.NewCaseAsync(s.Analyst);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Recorder(seen, e => e.Type == CaseEventTypes.Assigned).CatchUpAsync());
        await using (var db = await s.DbAsync()) Assert.Equal(0, await db.SeedMarkers.CountAsync(m => m.Key.StartsWith("seen:")));

        seen.Clear();
        await Recorder(seen).CatchUpAsync();                      // a new instance: as after a restart

        Assert.Equal([CaseEventTypes.Created, CaseEventTypes.Assigned], seen.Select(x => x.Split(':', 2)[1]));
        await using var after = await s.DbAsync();
        Assert.Equal(2, await after.SeedMarkers.CountAsync(m => m.Key.StartsWith("seen:")));
    }

    [SkippableFact]
    public async Task ObjectImport_IsOnTheLogWithTheObjectAsSubject()
    {
        var seen = new List<string>();
        await Recorder(seen).CatchUpAsync();

        await s.Objects.ImportAsync(new Features.Objects.ObjectBundle
        {
            Reports = [System.Text.Json.JsonSerializer.SerializeToElement(new { id = "rep_log00000000000000000001", report_type = "watchlist", status = "ready", match_count = 1 })],
        });
        await Log.SettleAsync();
        var events = await Log.ReadAsync("test-recorder", 10);

        var e = Assert.Single(events);
        Assert.Equal(("report.created", "object:rep_log00000000000000000001", "ready"), (e.Type, e.Subject, e.NewValue));
    }

    [SkippableFact]
    public async Task Advance_FromACursorAnotherInstanceMoved_IsRefused()
    {
        var seen = new List<string>();
        await Recorder(seen).CatchUpAsync();
        await s.NewCaseAsync();
        await Log.SettleAsync();
        var read = await Log.CursorAsync("test-recorder");
        var batch = await Log.ReadAsync(read, 10);

        await Log.AdvanceAsync("test-recorder", read, batch[^1]);

        await Assert.ThrowsAsync<CursorMovedException>(() => Log.AdvanceAsync("test-recorder", read, batch[^1]));
    }

    [SkippableFact]
    public async Task TwoInstancesCatchingUpAtOnce_HandleEachEventOnce()
    {
        var seen = new List<string>();
        await Recorder(seen).CatchUpAsync();
        for (var i = 0; i < 10; i++) await s.Cases.AddCommentAsync(await s.NewCaseAsync(s.Analyst), $"note {i}", s.Analyst);

        await Task.WhenAll(Recorder([]).CatchUpAsync(), Recorder([]).CatchUpAsync());

        await using var db = await s.DbAsync();
        var events = await db.AuditEvents.CountAsync(e => e.CaseId != null);
        var handled = await db.SeedMarkers.Where(m => m.Key.StartsWith("seen:")).Select(m => m.Key).ToListAsync();
        Assert.Equal(30, handled.Count);
        Assert.Equal(handled.Count, handled.Distinct().Count());
        Assert.Equal(30, events);
    }
}

public sealed class EventLogTestsOnSqlite() : EventLogTests(StoreProvider.Sqlite);

public sealed class EventLogTestsOnPostgres() : EventLogTests(StoreProvider.Postgres);
