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
}

public sealed class StatusDefinition
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public StatusType Type { get; set; }
    /// <summary>A MudBlazor colour name (default, info, success, warning, error, …).</summary>
    public string Color { get; set; } = "default";
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
