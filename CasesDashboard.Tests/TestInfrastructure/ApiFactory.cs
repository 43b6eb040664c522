using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CasesDashboard.Data;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>
/// The real app on a real SQLite file (seed data, 20 generated cases) with API keys of every role, and the test template
/// <c>TST</c> published with one transition rule (open → working or rejected only) for set-status tests.
/// </summary>
public class ApiFactory : AppFactory
{
    private readonly Dictionary<string, string> secrets = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    protected virtual IReadOnlyDictionary<string, string> ApiSettings => new Dictionary<string, string> { ["Api:RateLimitPermits"] = "1000000" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in ApiSettings) builder.UseSetting(key, value);
    }

    /// <summary>A client sending the secret of a key with <paramref name="role"/> (created once per factory).</summary>
    public async Task<HttpClient> ApiAsync(string role = Roles.Lead)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SecretAsync(role));
        return client;
    }

    public async Task<string> SecretAsync(string role)
    {
        await gate.WaitAsync();
        try
        {
            if (secrets.TryGetValue(role, out var s)) return s;
            if (secrets.Count == 0) await Services.GetRequiredService<TemplateService>().ImportAsync(Transitions(), Actor.System("test"));
            var created = await Services.GetRequiredService<ApiKeyService>().CreateAsync($"{role} integration", role, Actor.System("test"));
            return secrets[role] = created.Secret;
        }
        finally { gate.Release(); }
    }

    public static TemplateDefinition Transitions()
    {
        var t = TestTemplates.Review();
        t.Statuses.Single(s => s.Key == "open").Transitions = ["working", "rejected"];
        return t;
    }

    public async Task<CasesDbContext> DbAsync() => await Services.GetRequiredService<IDbContextFactory<CasesDbContext>>().CreateDbContextAsync();

    /// <summary>How many audit events and cases the store holds: a refused request must change neither.</summary>
    public async Task<(long Events, int Cases, int Objects)> FootprintAsync()
    {
        await using var db = await DbAsync();
        return (await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0, await db.Cases.CountAsync(), await db.Objects.CountAsync());
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty response.");

    /// <summary>Creates a case of <c>TST</c> through the API and returns its id.</summary>
    public static async Task<string> NewCaseAsync(HttpClient client, string extra = "")
    {
        var response = await client.PostAsync("/api/v1/cases", Json($$$"""{"data": {"attributes": {"case-template-id": "ctmpl_TST"{{{extra}}}} } }"""));
        if ((int)response.StatusCode != 201) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (string)(await ReadAsync(response))["data"]!["id"]!;
    }
}

/// <summary>The same app and keys on a fresh PostgreSQL database.</summary>
public sealed class PostgresApiFactory : ApiFactory
{
    protected override CasesDashboard.Data.StoreProvider Provider => CasesDashboard.Data.StoreProvider.Postgres;
}
