using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// Webhook subscriptions, for admins (the admin page and <c>/api/v1/webhooks</c>): list, create (the secret shown once), change the
/// URL or events, enable and disable, rotate the secret, delete; each change audited under <c>webhook:&lt;id&gt;</c>. Their deliveries
/// are in <c>WebhookService.Deliveries.cs</c>.
/// </summary>
public sealed partial class WebhookService(CasesStore store, WebhookSecrets secrets, WebhookSignal wake, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<WebhookInfo>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await store.ReadAsync(ct);
        var list = new List<WebhookInfo>();
        foreach (var s in await db.WebhookSubscriptions.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(ct))
            list.Add(await InfoAsync(db, s, ct));
        return list;
    }

    public async Task<WebhookInfo> GetAsync(string id, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await store.ReadAsync(ct);
        return await InfoAsync(db, await FindAsync(db, id, ct), ct);
    }

    public async Task<WebhookWithSecret> CreateAsync(string? url, IReadOnlyList<string>? events, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var chosen = Check(url, events, required: true);
        var secret = WebhookSecrets.New();
        var now = Now;
        var s = new WebhookSubscription
        {
            PublicId = PublicIds.New("wbh_"), Url = url!.Trim(), Events = string.Join(',', chosen!), ProtectedSecret = secrets.Protect(secret),
            CreatedAt = now, CreatedBy = actor.Name, UpdatedAt = now,
        };
        await store.WriteAsync(async db =>
        {
            db.WebhookSubscriptions.Add(s);
            var created = db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.Created, s, "url", newValue: s.Url, detail: s.Events)).Entity;
            await db.SaveChangesAsync(ct);
            (s.StartPosition, s.StartTx) = (created.Id, created.TxId ?? 0);
            return 0;
        }, ct);
        return new WebhookWithSecret(await GetAsync(s.PublicId, actor, ct), secret);
    }

    public async Task<WebhookInfo> UpdateAsync(string id, WebhookChange change, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var events = Check(change.Url, change.Events, required: false);
        await store.WriteAsync(async db =>
        {
            var s = await FindAsync(db, id, ct);
            var now = Now;
            if (change.Url?.Trim() is { } url && url != s.Url)
            {
                db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.Updated, s, "url", s.Url, url));
                (s.Url, s.UpdatedAt) = (url, now);
            }
            if (events is not null && string.Join(',', events) is var list && list != s.Events)
            {
                db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.Updated, s, "events", s.Events, list));
                (s.Events, s.UpdatedAt) = (list, now);
            }
            if (change.Enabled == true && !s.Enabled) await WebhookStates.EnableAsync(db, s, actor, now, ct);
            if (change.Enabled == false && s.Enabled) await WebhookStates.DisableAsync(db, s, $"Disabled by {actor.Name}.", actor, now, ct);
            return 0;
        }, ct);
        if (change.Enabled == true) wake.Notify();
        return await GetAsync(id, actor, ct);
    }

    /// <summary>A new secret; the previous one keeps signing (a second signature) for <see cref="WebhookSecrets.RotationGrace"/>.</summary>
    public async Task<WebhookWithSecret> RotateSecretAsync(string id, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var secret = WebhookSecrets.New();
        await store.WriteAsync(async db =>
        {
            var s = await FindAsync(db, id, ct);
            var now = Now;
            (s.ProtectedPreviousSecret, s.PreviousSecretUntil) = (s.ProtectedSecret, now + WebhookSecrets.RotationGrace);
            (s.ProtectedSecret, s.UpdatedAt) = (secrets.Protect(secret), now);
            db.AuditEvents.Add(WebhookAudit.Of(actor, now, WebhookAudit.SecretRotated, s,
                detail: $"the previous secret also signs until {s.PreviousSecretUntil:yyyy-MM-dd HH:mm} UTC"));
            return 0;
        }, ct);
        return new WebhookWithSecret(await GetAsync(id, actor, ct), secret);
    }

    /// <summary>Deletes the subscription with its deliveries; returns it as it was.</summary>
    public async Task<WebhookInfo> DeleteAsync(string id, Actor actor, CancellationToken ct = default)
    {
        var info = await GetAsync(id, actor, ct);
        await store.WriteAsync(async db =>
        {
            var s = await FindAsync(db, id, ct);
            db.WebhookSubscriptions.Remove(s);
            db.AuditEvents.Add(WebhookAudit.Of(actor, Now, WebhookAudit.Deleted, s, "url", s.Url, detail: s.Events));
            return 0;
        }, ct);
        return info;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsAdmin) throw new ForbiddenException("Only admins can manage webhooks.");
    }

    /// <summary>The URL and events checked (events in the order of <see cref="WebhookEvents.All"/>); null events when not given and not required.</summary>
    private IReadOnlyList<string>? Check(string? url, IReadOnlyList<string>? events, bool required)
    {
        var problems = new List<Problem>();
        if ((required || url is not null) && WebhookUrls.Problem(url, options.CurrentValue.AllowPrivateNetworks) is { } urlProblem)
            problems.Add(new("url", urlProblem));
        if (events is null && !required)
        {
            if (problems.Count > 0) throw new ValidationException(problems);
            return null;
        }
        events ??= [];
        for (var i = 0; i < events.Count; i++)
            if (!WebhookEvents.All.Contains(events[i]))
                problems.Add(new($"enabled_events[{i}]", $"'{events[i]}' is not an event a webhook can receive; use {string.Join(", ", WebhookEvents.All)}."));
        if (events.Count == 0) problems.Add(new("enabled_events", $"Choose at least one event: {string.Join(", ", WebhookEvents.All)}."));
        if (problems.Count > 0) throw new ValidationException(problems);
        return WebhookEvents.All.Where(events.Contains).ToList();
    }

    private static async Task<WebhookSubscription> FindAsync(CasesDbContext db, string id, CancellationToken ct) =>
        await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.PublicId == id, ct) ?? throw new NotFoundException("Webhook", id);

    private async Task<WebhookInfo> InfoAsync(CasesDbContext db, WebhookSubscription s, CancellationToken ct)
    {
        var last = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == s.Id && d.LastAttemptedAt != null)
            .OrderByDescending(d => d.LastAttemptedAt).Select(d => new { d.LastAttemptedAt, d.LastStatusCode }).FirstOrDefaultAsync(ct);
        return new WebhookInfo(s.PublicId, s.Url, s.EventList, s.Enabled, s.DisabledAt, s.DisabledReason, s.ConsecutiveFailures, s.CreatedAt,
            s.CreatedBy, s.UpdatedAt, s.PreviousSecretUntil > Now ? s.PreviousSecretUntil : null, last?.LastAttemptedAt, last?.LastStatusCode);
    }
}
