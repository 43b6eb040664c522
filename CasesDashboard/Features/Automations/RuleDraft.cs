using System.Text.Json;
using System.Text.Json.Nodes;

namespace CasesDashboard.Features.Automations;

/// <summary>
/// A rule as the editor holds it: plain settable members, the condition as a <see cref="RuleConditionDraft"/> tree (quantifiers and
/// external data paths kept), values as typed. <see cref="ToInput"/> makes the <see cref="RuleInput"/> the service validates and saves.
/// </summary>
public sealed class RuleDraft
{
    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public RuleTrigger Trigger { get; set; } = new();
    public RuleConditionDraft Condition { get; set; } = RuleConditionDraft.NewGroup();
    public List<ActionDraft> Actions { get; set; } = [new()];
    public IReadOnlyCollection<string> Roles { get; set; } = [Security.Roles.Lead];

    public static RuleDraft From(RuleSummary rule) => new()
    {
        Name = rule.Name, Enabled = rule.Enabled, Trigger = rule.Definition.Trigger, Roles = rule.Definition.Roles,
        Condition = RuleConditionDraft.From(rule.Definition.Condition),
        Actions = rule.Definition.Actions.Select(ActionDraft.From).ToList(),
    };

    public RuleInput ToInput(IReadOnlyList<RuleConditionAttribute> attributes) =>
        new(Name, new RuleDefinition
        {
            Trigger = Trigger,
            Condition = Condition.ToJson(attributes),
            Actions = Actions.Select(a => a.ToAction()).ToList(),
            Roles = Roles.ToList(),
        }, Enabled);
}

/// <summary>One action in the editor; <see cref="Value"/> is typed text (JSON when it parses as JSON, else a string).</summary>
public sealed class ActionDraft
{
    public string Type { get; set; } = ActionTypes.AddTag;
    public string? Template { get; set; }
    public bool Dedupe { get; set; } = true;
    public string? Status { get; set; }
    public string? Priority { get; set; }
    public string? Field { get; set; }
    public string? Value { get; set; }
    public string? Tag { get; set; }
    public string? User { get; set; }
    public double? SlaHours { get; set; }
    public string? Comment { get; set; }
    public string? Webhook { get; set; }
    public string? Queue { get; set; }

    public static ActionDraft From(RuleAction a) => new()
    {
        Type = a.Type, Template = a.Template, Dedupe = a.Dedupe != false, Status = a.Status, Priority = a.Priority, Field = a.Field,
        Value = a.Value is { ValueKind: JsonValueKind.String } s ? s.GetString() : a.Value?.GetRawText(), Tag = a.Tag, User = a.User,
        SlaHours = a.SlaHours, Comment = a.Comment, Webhook = a.Webhook, Queue = a.Queue,
    };

    public RuleAction ToAction() => new()
    {
        Type = Type, Template = Template, Dedupe = Type == ActionTypes.CreateCase ? Dedupe : null, Status = Status, Priority = Priority,
        Field = Field, Value = Type == ActionTypes.SetField ? Typed(Value) : null, Tag = Tag, User = string.IsNullOrWhiteSpace(User) ? null : User,
        SlaHours = SlaHours, Comment = Comment, Webhook = Webhook, Queue = string.IsNullOrWhiteSpace(Queue) ? null : Queue,
    };

    private static JsonElement Typed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return JsonSerializer.SerializeToElement<string?>(null);
        try { return JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { return JsonSerializer.SerializeToElement(text); }
    }
}
