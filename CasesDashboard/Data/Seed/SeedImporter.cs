using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Data.Seed;

/// <summary>
/// Loads seed-data/ through the product's own importers: users, templates, queues and SLA policies (idempotent), then once the
/// hand-written demo cases with their objects and the Bogus-generated ones (routed into the queues as they are created).
/// </summary>
public sealed class SeedImporter(
    IOptions<SeedOptions> options, UserImporter userImporter, TemplateService templates, Features.Queues.QueueService queues, ObjectService objects,
    CaseImporter cases, CasesStore store, TimeProvider clock, ILogger<SeedImporter> logger, Features.Automations.RuleImporter rules,
    Features.Sla.SlaPolicyService slaPolicies)
{
    public const string DemoCasesMarker = "demo-cases";

    /// <summary>At every start of the app: says whether demo users exist, then imports.</summary>
    public async Task RunAsync(CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(options.Value.DemoPassword))
            logger.LogInformation("Seed:DemoPassword is empty: no demo users or demo cases. Create users with the 'users create' command.");
        else
            logger.LogWarning("Seed:DemoPassword is set: the demo users of seed-data/users.json (admin@example.com and others) sign in "
                + "with that known password. A real install leaves it empty and creates its users with the 'users create' command.");
        var folder = await ImportReferenceDataAsync(ct);
        await ImportDemoCasesAsync(folder, ct);
    }

    /// <summary>Users and automations (when a demo password is set), templates, queues and SLA policies; all idempotent. Returns the seed folder.</summary>
    public async Task<string> ImportReferenceDataAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var folder = System.IO.Path.IsPathRooted(o.Path) ? o.Path : System.IO.Path.Combine(AppContext.BaseDirectory, o.Path);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Seed folder not found: {folder}");

        if (!string.IsNullOrEmpty(o.DemoPassword))
            await userImporter.ImportAsync(Read<List<UserImportDocument>>(System.IO.Path.Combine(folder, "users.json")), o.DemoPassword);

        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(folder, "templates"), "*.json").Order())
        {
            var result = await templates.ImportAsync(Read<TemplateDefinition>(file), Actor.System("seed"), ct);
            if (result.Outcome != ImportOutcome.Unchanged) logger.LogInformation("Template {Key} {Outcome} (v{Version})", result.Key, result.Outcome, result.Version);
        }
        var queueFile = System.IO.Path.Combine(folder, "queues.json");
        if (File.Exists(queueFile))
            foreach (var queue in Read<List<Features.Queues.QueueImportDocument>>(queueFile))
                if (await queues.ImportAsync(queue, Actor.System("seed"), ct) == ImportOutcome.Created) logger.LogInformation("Queue {Key} created", queue.Key);
        // SLA policies after the templates and queues they name; only into a template without policies, so an admin's changes stay.
        var slaFile = System.IO.Path.Combine(folder, "sla-policies.json");
        if (File.Exists(slaFile))
            foreach (var (template, outcome) in await slaPolicies.ImportAsync(Read<Features.Sla.SlaPolicyImportFile>(slaFile), Actor.System("seed"), ct))
                if (outcome == ImportOutcome.Created) logger.LogInformation("SLA policies of {Template} created", template);
        // Automations after the templates, queues and users they name (the demo users: so only with them); a rule whose name exists is
        // left as an admin may have edited it.
        var ruleFile = System.IO.Path.Combine(folder, "automations.json");
        if (File.Exists(ruleFile) && !string.IsNullOrEmpty(o.DemoPassword))
            foreach (var (name, outcome) in await rules.ImportJsonAsync(File.ReadAllText(ruleFile), Actor.System("seed"), ct))
                if (outcome == ImportOutcome.Created) logger.LogInformation("Automation {Name} created", name);
        return folder;
    }

    /// <summary>
    /// The demo objects and cases, once: everything, the "seeded" marker included, in one transaction, so an interrupted
    /// first start leaves nothing behind and the next start imports them exactly once.
    /// </summary>
    private async Task ImportDemoCasesAsync(string folder, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.DemoPassword)) return;
        var anchor = clock.GetUtcNow().UtcDateTime;
        var (handwritten, generated) = await store.InTransactionAsync(async () =>
        {
            var done = await store.WriteAsync(db => db.SeedMarkers.AnyAsync(m => m.Key == DemoCasesMarker, ct), ct);
            if (done) return (-1, 0);
            await objects.ImportAsync(Read<ObjectBundle>(System.IO.Path.Combine(folder, "objects.json")), ct);
            var imported = await cases.ImportAsync(Read<List<CaseImportDocument>>(System.IO.Path.Combine(folder, "cases.json")), ct);
            var made = 0;
            if (o.DemoCases > 0)
            {
                var demo = new DemoCaseGenerator(o.RandomSeed, await templates.ListAsync(ct), anchor).Generate(o.DemoCases);
                await objects.ImportAsync(demo.Objects, ct);
                made = (await cases.ImportAsync(demo.Cases, ct)).Count;
            }
            await store.WriteAsync(db =>
            {
                db.SeedMarkers.Add(new SeedMarker { Key = DemoCasesMarker, AppliedAt = anchor });
                return Task.FromResult(0);
            }, ct);
            return (imported.Count, made);
        }, ct);
        if (handwritten >= 0) logger.LogInformation("Imported {Handwritten} demo cases and generated {Generated} more", handwritten, generated);
    }

    private static T Read<T>(string path)
    {
        try { return Json.Deserialize<T>(File.ReadAllText(path)); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }
}
