using CasesDashboard.Data;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Cases;

public abstract class ApiKeyServiceTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;
    private ApiKeyService Keys => s.Services.GetRequiredService<ApiKeyService>();
    public async Task InitializeAsync() => s = await TestStore.OnAsync(provider);
    public async Task DisposeAsync() => await s.DisposeAsync();

    [SkippableFact]
    public async Task Create_StoresOnlyTheHashAndAPrefix_AndAuditsTheKey()
    {
        var created = await Keys.CreateAsync("Fraud engine", "lead", s.Admin);

        await using var db = await s.DbAsync();
        var row = await db.ApiKeys.SingleAsync();
        Assert.StartsWith("pk_live_", created.Secret);
        Assert.True(created.Secret.Length >= 8 + 44);
        Assert.DoesNotContain(created.Secret, $"{row.Hash}{row.Prefix}{row.Name}");
        Assert.Equal(Roles.Lead, row.Role);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Subject == $"api-key:{created.Key.Id}" && e.Type == "api-key.created"));
    }

    [SkippableFact]
    public async Task Authenticate_LiveKey_IsAnApiKeyActorWithExactlyItsRole()
    {
        var created = await Keys.CreateAsync("Reader", Roles.Viewer, s.Admin);

        var found = await Keys.AuthenticateAsync(created.Secret);

        Assert.Equal(ActorType.ApiKey, found!.Value.Actor.Type);
        Assert.Equal([Roles.Viewer], found.Value.Actor.Roles);
        Assert.False(found.Value.Actor.CanWork);
    }

    [SkippableFact]
    public async Task Authenticate_RevokedKey_IsNothing()
    {
        var created = await Keys.CreateAsync("Old", Roles.Lead, s.Admin);
        await Keys.RevokeAsync(created.Key.Id, s.Admin);

        Assert.Null(await Keys.AuthenticateAsync(created.Secret));
    }

    [SkippableFact]
    public async Task Authenticate_RecordsLastUseAtMostOnceAMinute()
    {
        var created = await Keys.CreateAsync("Busy", Roles.Lead, s.Admin);
        await Keys.AuthenticateAsync(created.Secret);
        var first = (await Keys.ListAsync(s.Admin)).Single().LastUsedAt;
        s.Clock.Advance(TimeSpan.FromSeconds(30));
        await Keys.AuthenticateAsync(created.Secret);
        Assert.Equal(first, (await Keys.ListAsync(s.Admin)).Single().LastUsedAt);

        s.Clock.Advance(TimeSpan.FromSeconds(31));
        await Keys.AuthenticateAsync(created.Secret);

        Assert.Equal(first!.Value.AddSeconds(61), (await Keys.ListAsync(s.Admin)).Single().LastUsedAt);
    }

    [SkippableFact]
    public async Task Create_ByALead_IsRefused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Keys.CreateAsync("x", Roles.Lead, s.Lead));
    }

    [SkippableFact]
    public async Task Create_UnknownRole_IsRefusedOnTheRole()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Keys.CreateAsync("x", "Superuser", s.Admin));

        Assert.Equal("role", e.Problems.Single().Path);
    }
}

public sealed class ApiKeyServiceTestsOnSqlite() : ApiKeyServiceTests(StoreProvider.Sqlite);

public sealed class ApiKeyServiceTestsOnPostgres() : ApiKeyServiceTests(StoreProvider.Postgres);
