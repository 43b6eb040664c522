using System.Text.Json.Nodes;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Webhooks;

/// <summary>
/// /api/v1/webhooks and /api/v1/webhook-deliveries: subscriptions and their deliveries, for Admin keys only — thin calls of
/// <see cref="WebhookService"/>, which the admin page uses too.
/// </summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", async (HttpContext http, WebhookService hooks) =>
        {
            ApiQuery.Parse(http.Request);
            var list = await hooks.ListAsync(http.Actor(), http.RequestAborted);
            return new ApiResult(200, new JsonObject { ["data"] = new JsonArray(list.Select(w => (JsonNode)WebhookDocuments.Webhook(w)).ToArray()) });
        }).RequireAuthorization(Policies.Administer).WithSummary("List webhooks");

        api.MapPost("/webhooks", async (HttpContext http, WebhookService hooks) =>
        {
            ApiQuery.Parse(http.Request);
            var attributes = ApiInput.Read(http).Attributes("url", "enabled-events");
            var created = await hooks.CreateAsync(attributes.String("url", required: true), attributes.Strings("enabled-events", required: true),
                http.Actor(), http.RequestAborted);
            return WithSecret(201, created, $"{ApiRegistration.Prefix}/webhooks/{created.Webhook.Id}");
        }).RequireAuthorization(Policies.Administer).WithSummary("Create a webhook; the answer carries its signing secret, shown this once");

        api.MapGet("/webhooks/{id}", async (string id, HttpContext http, WebhookService hooks) =>
        {
            ApiQuery.Parse(http.Request);
            return One(await hooks.GetAsync(id, http.Actor(), http.RequestAborted));
        }).RequireAuthorization(Policies.Administer).WithSummary("Retrieve a webhook");

        api.MapPatch("/webhooks/{id}", async (string id, HttpContext http, WebhookService hooks) =>
        {
            ApiQuery.Parse(http.Request);
            var attributes = ApiInput.Read(http).Attributes("url", "enabled-events", "status");
            var status = attributes.String("status");
            if (status is not (null or "enabled" or "disabled"))
                throw new ValidationException(attributes.At("status"), $"status is enabled or disabled (got '{status}').");
            var change = new WebhookChange(attributes.String("url"), attributes.Strings("enabled-events"), status is null ? null : status == "enabled");
            return One(await hooks.UpdateAsync(id, change, http.Actor(), http.RequestAborted));
        }).RequireAuthorization(Policies.Administer).WithSummary("Change a webhook's URL or events, or enable or disable it");

        api.MapDelete("/webhooks/{id}", async (string id, HttpContext http, WebhookService hooks) =>
        {
            ApiQuery.Parse(http.Request);
            return One(await hooks.DeleteAsync(id, http.Actor(), http.RequestAborted));
        }).RequireAuthorization(Policies.Administer).WithSummary("Delete a webhook and its deliveries");

        api.MapPost("/webhooks/{id}/rotate-secret", async (string id, HttpContext http, WebhookService hooks) =>
        {
            ApiQuery.Parse(http.Request);
            return WithSecret(200, await hooks.RotateSecretAsync(id, http.Actor(), http.RequestAborted));
        }).RequireAuthorization(Policies.Administer).WithSummary("Give a webhook a new secret; the previous one also signs for 24 hours");

        api.MapGet("/webhooks/{id}/deliveries", async (string id, HttpContext http, WebhookService hooks) =>
        {
            var query = ApiQuery.Parse(http.Request, paged: true);
            if (query.PageBefore is not null) throw new MalformedInputException("?page[before]", "Deliveries page newest first with page[after] only.");
            var page = await hooks.DeliveriesAsync(id, query.PageSize(), query.PageAfter, http.Actor(), http.RequestAborted);
            return new ApiResult(200, new JsonObject
            {
                ["data"] = new JsonArray(page.Deliveries.Select(d => (JsonNode)WebhookDocuments.Delivery(d)).ToArray()),
                ["links"] = new JsonObject { ["next"] = page.Next is null ? null : http.Request.PageLink("after", page.Next) },
                ["meta"] = new JsonObject { ["next-cursor"] = page.Next },
            });
        }).RequireAuthorization(Policies.Administer).WithSummary("A webhook's deliveries, newest first, each with its attempts");

        api.MapPost("/webhook-deliveries/{id}/replay", async (string id, HttpContext http, WebhookService hooks) =>
        {
            ApiQuery.Parse(http.Request);
            var replay = await hooks.ReplayAsync(id, http.Actor(), http.RequestAborted);
            return new ApiResult(201, new JsonObject { ["data"] = WebhookDocuments.Delivery(replay) });
        }).RequireAuthorization(Policies.Administer).WithSummary("Send a delivery's event document again, as a new delivery");

        return api;
    }

    private static ApiResult One(WebhookInfo w) => new(200, new JsonObject { ["data"] = WebhookDocuments.Webhook(w) });

    /// <summary>An answer with the secret; a retry with the same Idempotency-Key is answered without it (it is never stored in plain text).</summary>
    private static ApiResult WithSecret(int status, WebhookWithSecret w, string? location = null) =>
        new(status, new JsonObject { ["data"] = WebhookDocuments.Webhook(w.Webhook, w.Secret) }, location: location,
            replay: new JsonObject { ["data"] = WebhookDocuments.Webhook(w.Webhook) });
}
