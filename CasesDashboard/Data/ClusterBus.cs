using System.Text.Json;
using Npgsql;

namespace CasesDashboard.Data;

/// <summary>A message from one app instance to the others sharing the database.</summary>
public sealed record ClusterMessage(string Instance, string Kind, string Payload);

/// <summary>
/// Tells the other instances sharing the database what changed in this one (a case, so their open pages update; the
/// template list, so their caches reload). On PostgreSQL through <c>NOTIFY</c> / <c>LISTEN</c> (<see cref="PostgresListener"/>);
/// on SQLite there is one instance and nothing to tell. Messages are hints for caches and live pages, never the record of a
/// change (that is the event log): a message lost while an instance reconnects costs a stale screen, not data.
/// </summary>
public sealed class ClusterBus(StoreConnection store, ILogger<ClusterBus> logger)
{
    public const string Channel = "cases_dashboard";
    /// <summary>PostgreSQL's NOTIFY payload limit is 8000 bytes.</summary>
    public const int MaxPayloadBytes = 7_900;

    public string Instance { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Messages from other instances (never this one's own).</summary>
    public event Func<ClusterMessage, Task>? Received;

    public async Task BroadcastAsync(string kind, string payload)
    {
        if (!store.IsPostgres) return;
        var message = JsonSerializer.Serialize(new ClusterMessage(Instance, kind, payload));
        if (System.Text.Encoding.UTF8.GetByteCount(message) > MaxPayloadBytes)
        {
            logger.LogWarning("A {Kind} message of {Bytes} bytes is too long to broadcast; other instances will catch up on their own", kind, message.Length);
            return;
        }
        try
        {
            await using var connection = new NpgsqlConnection(store.ConnectionString);
            await connection.OpenAsync();
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@c, @m)", connection);
            notify.Parameters.AddWithValue("c", Channel);
            notify.Parameters.AddWithValue("m", message);
            await notify.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(e, "Could not tell other instances about a {Kind}", kind);
        }
    }

    /// <summary>Sent to this instance's subscribers after (re)connecting: messages may have been missed, so caches reload.</summary>
    public const string Resync = "resync";

    /// <summary>Hands a message that arrived from the database to this instance's subscribers.</summary>
    internal async Task DeliverAsync(string json)
    {
        ClusterMessage? message;
        try { message = JsonSerializer.Deserialize<ClusterMessage>(json); }
        catch (JsonException) { return; }
        if (message is not null && message.Instance != Instance) await DeliverAsync(message);
    }

    internal async Task DeliverAsync(ClusterMessage message)
    {
        if (Received is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<ClusterMessage, Task>>())
        {
            try { await handler(message); }
            catch (Exception e) { logger.LogWarning(e, "A {Kind} message from {Instance} failed here", message.Kind, message.Instance); }
        }
    }
}

/// <summary>Listens on PostgreSQL for other instances' messages, reconnecting after a lost connection.</summary>
public sealed class PostgresListener(StoreConnection store, ClusterBus bus, ILogger<PostgresListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var csb = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Pooling = false, KeepAlive = 30 };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(csb.ToString());
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => _ = bus.DeliverAsync(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ClusterBus.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                await bus.DeliverAsync(new ClusterMessage("", ClusterBus.Resync, ""));
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Lost the PostgreSQL notification connection; reconnecting");
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
