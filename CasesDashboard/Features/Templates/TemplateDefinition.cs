namespace CasesDashboard.Features.Templates;

public enum StatusType { Initial, Intermediate, End }

public enum FieldType { Text, LongText, Number, Money, Date, Select, MultiSelect, Checkbox, Json }

public enum PanelKind { Info, Fields, Inputs, KeyValue, Inquiries, Accounts, Reports, Transactions, Comments, Timeline }

public enum KeyValueDisplay { Grid, Table }

public enum CasePriority { Low, Normal, High, Urgent }

/// <summary>
/// Everything a case template says about its cases: statuses, fields, layout and action buttons.
/// Stored as JSON per published version (immutable); the same JSON is the seed-data/ and export format.
/// </summary>
public sealed class TemplateDefinition
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public CasePriority DefaultPriority { get; set; } = CasePriority.Normal;
    /// <summary>Roles that may see cases of this template (empty: every role).</summary>
    public List<string> VisibleToRoles { get; set; } = [];
    /// <summary>The queue new cases land in, by key (queues arrive with the queues issue; kept with the template until then).</summary>
    public string? DefaultQueue { get; set; }
    /// <summary>Hours from creation until <c>sla-expires-at</c>.</summary>
    public int SlaHours { get; set; } = 72;
    public List<StatusDefinition> Statuses { get; set; } = [];
    public List<FieldDefinition> Fields { get; set; } = [];
    public List<TabDefinition> Layout { get; set; } = [];
    public List<ActionDefinition> Actions { get; set; } = [];

    public StatusDefinition InitialStatus => Statuses.First(s => s.Type == StatusType.Initial);
    public StatusDefinition? FindStatus(string key) => Statuses.FirstOrDefault(s => s.Key == key);
    public FieldDefinition? FindField(string key) => Fields.FirstOrDefault(f => f.Key == key);
    public ActionDefinition? FindAction(string key) => Actions.FirstOrDefault(a => a.Key == key);

    /// <summary>The fields a case must have filled before it may move to an end status (retired fields excepted).</summary>
    public IEnumerable<FieldDefinition> RequiredToResolve => Fields.Where(f => f.RequiredToResolve && !f.Retired);

    /// <summary>
    /// The fields an action needs filled: its own required fields and, when it resolves the case, every required-to-resolve field.
    /// The one rule behind the action's refusal, its "needs" hint, migrations and generated demo data.
    /// </summary>
    public IReadOnlyList<FieldDefinition> RequiredFor(ActionDefinition action) =>
        action.RequiredFields.Select(FindField).OfType<FieldDefinition>()
            .Concat(FindStatus(action.TargetStatus)?.Type == StatusType.End ? RequiredToResolve : [])
            .DistinctBy(f => f.Key).ToList();

    /// <summary>May an action move a case from status <paramref name="from"/> to <paramref name="to"/>?</summary>
    public bool Allows(string from, string to) => FindStatus(from) is not { Transitions.Count: > 0 } s || s.Transitions.Contains(to);

    public bool IsVisibleTo(Security.Actor actor) =>
        VisibleToRoles.Count == 0 || actor.IsAdmin || actor.HasAnyRole(VisibleToRoles);
}

public sealed class StatusDefinition
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public StatusType Type { get; set; }
    /// <summary>A MudBlazor colour name (default, info, success, warning, error, …).</summary>
    public string Color { get; set; } = "default";
    /// <summary>Statuses an action may move a case to from this one (empty: any).</summary>
    public List<string> Transitions { get; set; } = [];
}

public sealed class FieldDefinition
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public FieldType Type { get; set; }
    public List<string> Options { get; set; } = [];
    public bool RequiredToResolve { get; set; }
    public string? HelpText { get; set; }
    /// <summary>A retired field is no longer editable but stays readable on old cases.</summary>
    public bool Retired { get; set; }
}

public sealed class TabDefinition
{
    public string Title { get; set; } = "";
    public List<PanelDefinition> Panels { get; set; } = [];
}

public sealed class PanelDefinition
{
    public PanelKind Kind { get; set; }
    public string Title { get; set; } = "";
    /// <summary>For Fields and Inputs panels: the field keys shown, in order (empty: all fields).</summary>
    public List<string> Fields { get; set; } = [];
    /// <summary>For Key-Value panels: <c>fields</c> or <c>external:&lt;document name&gt;</c>.</summary>
    public string? Source { get; set; }
    /// <summary>For Key-Value panels: a JSON path into the source, e.g. <c>$.device.sessions</c>.</summary>
    public string? Path { get; set; }
    public KeyValueDisplay Display { get; set; } = KeyValueDisplay.Grid;
    /// <summary>Show the panel only when this holds (null: always).</summary>
    public PanelRule? VisibleWhen { get; set; }
    /// <summary>For Inputs panels: allow editing only when this holds (null: always).</summary>
    public PanelRule? EnabledWhen { get; set; }
}

public enum RuleKind { FieldEquals, FieldFilled, HasReportMatches, HasObject }

/// <summary>A condition on the case a panel rule checks: a field's value, or what the case has linked.</summary>
public sealed class PanelRule
{
    public RuleKind Kind { get; set; }
    /// <summary>For field rules: the field key.</summary>
    public string? Field { get; set; }
    /// <summary>For FieldEquals: the value (for multi-select, one of the chosen values).</summary>
    public string? Value { get; set; }
    /// <summary>For HasObject: inquiry, account, report or transaction.</summary>
    public string? ObjectKind { get; set; }
}

public sealed class ActionDefinition
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public string Color { get; set; } = "primary";
    public string TargetStatus { get; set; } = "";
    public List<string> RequiredFields { get; set; } = [];
    public bool CommentRequired { get; set; }
    public string? Confirmation { get; set; }
    /// <summary>Roles allowed to press it (empty: everyone who may work the case).</summary>
    public List<string> Roles { get; set; } = [];
}
