using CasesDashboard.Data;
using CasesDashboard.Data.Seed;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Sla;
using CasesDashboard.Features.Templates;
using CasesDashboard.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CasesDashboard.Tests.Data;

/// <summary>
/// seed-data/sla-policies.json, imported through <see cref="SlaPolicyService"/> on a fresh store: the policies are there, a new
/// onboarding case is due by the New York business calendar (Thanksgiving skipped), and an admin's deletion survives a restart.
/// </summary>
public abstract class SlaSeedTests(StoreProvider provider) : IAsyncLifetime
{
    private TestStore s = default!;

    public async Task InitializeAsync()
    {
        s = await TestStore.OnAsync(provider, withTemplate: false);
        await ImportAsync();
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task ImportAsync()
    {
        await using var scope = s.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportReferenceDataAsync();
    }

    private SlaPolicyService Policies => s.Get<SlaPolicyService>();

    [SkippableFact]
    public async Task Import_FreshStore_GivesEveryTemplateItsPolicies()
    {
        var policies = await Policies.ListAsync();

        Assert.Equal(["ATO", "ATO", "DOR", "DOR", "FRD", "FRD", "TMR"], policies.Select(p => p.TemplateKey).Order());
        var dor = policies.Single(p => p.TemplateKey == "DOR" && p.QueueId is null);
        Assert.Equal((new SlaTarget(2, SlaUnit.BusinessDays), "America/New_York", "09:00", "17:00"),
            (dor.Resolution, dor.Calendar!.TimeZone, dor.Calendar.Opens, dor.Calendar.Closes));
        Assert.Equal(["waiting_on_driver"], dor.PauseStatuses);
        Assert.Contains("2026-11-26", dor.Calendar.Holidays);
        Assert.Contains("2027-12-24", dor.Calendar.Holidays);
        var ato = policies.Where(p => p.TemplateKey == "ATO").ToDictionary(p => p.Priority?.ToString() ?? "any");
        Assert.Equal((new SlaTarget(8, SlaUnit.Hours), null), (ato["any"].Resolution, ato["any"].Calendar));
        Assert.Equal(new SlaTarget(2, SlaUnit.Hours), ato["Urgent"].Resolution);
    }

    [SkippableFact]
    public async Task NewOnboardingCase_IsDueTwoNewYorkBusinessDaysLaterSkippingThanksgiving()
    {
        s.Clock.Advance(TimeSpan.FromHours(29));   // Wednesday 25 Nov 2026 14:00 UTC = 09:00 in New York

        var id = await s.Cases.CreateAsync(new NewCase("DOR"), s.Lead);

        // Wednesday 8 h, Thursday 26 Nov is Thanksgiving, Friday 8 h: due Friday 17:00 EST = 22:00 UTC.
        Assert.Equal(new DateTime(2026, 11, 27, 22, 0, 0, DateTimeKind.Utc), (await s.Query.GetAsync(id, s.Admin)).SlaExpiresAt);
    }

    [SkippableFact]
    public async Task NewUrgentTakeoverCase_IsDueInTwoHoursAroundTheClock()
    {
        var id = await s.Cases.CreateAsync(new NewCase("ATO") { Priority = CasePriority.Urgent }, s.Lead);

        Assert.Equal(s.Clock.GetUtcNow().UtcDateTime.AddHours(2), (await s.Query.GetAsync(id, s.Admin)).SlaExpiresAt);
    }

    [SkippableFact]
    public async Task Import_Again_ChangesNothing()
    {
        var before = await Policies.ListAsync();

        await ImportAsync();

        Assert.Equal(before.Select(p => (p.Id, p.Version)), (await Policies.ListAsync()).Select(p => (p.Id, p.Version)));
    }

    [SkippableFact]
    public async Task Import_AfterAnAdminDeletedEveryPolicyOfATemplate_DoesNotBringThemBack()
    {
        foreach (var p in (await Policies.ListAsync()).Where(p => p.TemplateKey == "TMR")) await Policies.DeleteAsync(p.Id, s.Admin);

        await ImportAsync();

        Assert.DoesNotContain(await Policies.ListAsync(), p => p.TemplateKey == "TMR");
    }
}

public sealed class SlaSeedTestsOnSqlite() : SlaSeedTests(StoreProvider.Sqlite);

public sealed class SlaSeedTestsOnPostgres() : SlaSeedTests(StoreProvider.Postgres);
