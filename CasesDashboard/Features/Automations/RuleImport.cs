using System.Text.Json;
using System.Text.Json.Nodes;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Automations;

/// <summary>A rule in <c>seed-data/automations.json</c> and in the admin page's import: its name, whether it is on, and its definition.</summary>
public sealed record RuleImportDocument
{
    public string Name { get; init; } = "";
    public bool Enabled { get; init; } = true;
    public RuleTrigger Trigger { get; init; } = new();
    public JsonObject? Condition { get; init; }
    public List<RuleAction> Actions { get; init; } = [];
    public List<string> Roles { get; init; } = [Security.Roles.Lead];

    public RuleInput ToInput() => new(Name, new RuleDefinition { Trigger = Trigger, Condition = Condition, Actions = Actions, Roles = Roles }, Enabled);
}

/// <summary>
/// Imports rules (the seed, and admins pasting a JSON list): a rule whose name exists already is left as it is, a new one is
/// created through <see cref="AutomationService.CreateAsync"/> with every check of a save. Problems name the rule's index.
/// </summary>
public sealed class RuleImporter(AutomationService automations)
{
    public async Task<IReadOnlyList<(string Name, ImportOutcome Outcome)>> ImportJsonAsync(string json, Actor actor, CancellationToken ct = default)
    {
        List<RuleImportDocument> documents;
        try { documents = JsonSerializer.Deserialize<List<RuleImportDocument>>(json, RuleDefinition.Json) ?? []; }
        catch (JsonException e) { throw new MalformedInputException("rules", $"The rules are a JSON list of rules: {e.Message}"); }
        var existing = (await automations.ListAsync(ct)).Select(r => r.Name).ToHashSet();
        var results = new List<(string, ImportOutcome)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            if (existing.Contains(d.Name.Trim())) { results.Add((d.Name, ImportOutcome.Unchanged)); continue; }
            try { await automations.CreateAsync(d.ToInput(), actor, ct); }
            catch (InputException e) { throw new ValidationException(e.Problems.Select(p => p with { Path = $"rules[{i}].{p.Path}" }).ToList()); }
            results.Add((d.Name, ImportOutcome.Created));
        }
        return results;
    }
}
