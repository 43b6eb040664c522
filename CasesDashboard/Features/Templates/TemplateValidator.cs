using System.Text.RegularExpressions;
using CasesDashboard.Features.Common;

namespace CasesDashboard.Features.Templates;

/// <summary>Checks that a template definition can carry cases; every problem is named by its path.</summary>
public static partial class TemplateValidator
{
    [GeneratedRegex("^[A-Z][A-Z0-9]{1,9}$")]
    private static partial Regex TemplateKey();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex ItemKey();

    /// <summary>A template key as typed becomes this (trimmed, upper case) before it is checked.</summary>
    public static string NormalizeTemplateKey(string? key) => (key ?? "").Trim().ToUpperInvariant();

    /// <summary>
    /// The key of a new item (field, status, action) made from its label: lower_snake_case, starting with a letter, and not one
    /// of <paramref name="taken"/> (a number is added when it would be).
    /// </summary>
    public static string KeyFromLabel(string label, IEnumerable<string> taken, string prefix = "field")
    {
        var key = new string(label.Trim().ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_').ToArray());
        key = Regex.Replace(key, "_+", "_").Trim('_');
        if (key.Length == 0 || !char.IsLetter(key[0])) key = $"{prefix}_{key}".TrimEnd('_');
        key = key[..Math.Min(key.Length, 60)];
        var used = taken.ToHashSet();
        var candidate = key;
        for (var n = 2; used.Contains(candidate); n++) candidate = $"{key}_{n}";
        return candidate;
    }

    public static IReadOnlyList<Problem> Validate(TemplateDefinition d)
    {
        var p = new List<Problem>();
        if (!TemplateKey().IsMatch(d.Key ?? ""))
            p.Add(new("key", "must be 2-10 upper-case letters or digits, starting with a letter (it prefixes case names)."));
        if (string.IsNullOrWhiteSpace(d.Name)) p.Add(new("name", "is required."));
        if (d.SlaHours is < 1 or > 24 * 365) p.Add(new("sla_hours", "must be between 1 and 8760."));

        ValidateStatuses(d, p);
        ValidateFields(d, p);
        ValidateLayout(d, p);
        ValidateActions(d, p);
        return p;
    }

    public static void ThrowIfInvalid(TemplateDefinition d)
    {
        var problems = Validate(d);
        if (problems.Count > 0) throw new ValidationException(problems);
    }

    private static void ValidateStatuses(TemplateDefinition d, List<Problem> p)
    {
        if (d.Statuses.Count(s => s.Type == StatusType.Initial) != 1)
            p.Add(new("statuses", "needs exactly one status of type initial."));
        if (!d.Statuses.Any(s => s.Type == StatusType.End))
            p.Add(new("statuses", "needs at least one status of type end."));
        CheckKeys(d.Statuses.Select(s => s.Key), "statuses", p);
        for (var i = 0; i < d.Statuses.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(d.Statuses[i].Label)) p.Add(new($"statuses[{i}].label", "is required."));
            foreach (var t in d.Statuses[i].Transitions.Where(t => d.FindStatus(t) is null))
                p.Add(new($"statuses[{i}].transitions", $"names unknown status '{t}'."));
        }
        foreach (var role in d.VisibleToRoles.Where(r => !Security.Roles.All.Contains(r)))
            p.Add(new("visible_to_roles", $"names unknown role '{role}'."));
    }

    private static void ValidateFields(TemplateDefinition d, List<Problem> p)
    {
        CheckKeys(d.Fields.Select(f => f.Key), "fields", p);
        for (var i = 0; i < d.Fields.Count; i++)
        {
            var f = d.Fields[i];
            if (string.IsNullOrWhiteSpace(f.Label)) p.Add(new($"fields[{i}].label", "is required."));
            if (f.Type is FieldType.Select or FieldType.MultiSelect && f.Options.Count == 0)
                p.Add(new($"fields[{i}].options", $"a {Describe(f.Type)} field needs at least one option."));
            if (f.Options.Distinct().Count() != f.Options.Count)
                p.Add(new($"fields[{i}].options", "has duplicate options."));
            if (!f.Retired && !IsShown(d, f.Key))
                p.Add(new($"fields[{i}].key", $"'{f.Label}' is not shown on any panel: add it to a Fields, Inputs or Key-Value panel, or retire it."));
        }
    }

    /// <summary>Does any panel show field <paramref name="key"/> (a Fields or Inputs panel listing it or all fields, or a Key-Value panel over it)?</summary>
    private static bool IsShown(TemplateDefinition d, string key) => d.Layout.SelectMany(t => t.Panels).Any(p => p.Kind switch
    {
        PanelKind.Fields or PanelKind.Inputs => p.Fields.Count == 0 || p.Fields.Contains(key),
        PanelKind.KeyValue => p.Source == "fields" && (p.Path == "$" || (p.Path ?? "").StartsWith($"$.{key}", StringComparison.Ordinal)),
        _ => false,
    });

    private static void ValidateLayout(TemplateDefinition d, List<Problem> p)
    {
        if (d.Layout.Count == 0) p.Add(new("layout", "needs at least one tab."));
        for (var t = 0; t < d.Layout.Count; t++)
        {
            var tab = d.Layout[t];
            if (string.IsNullOrWhiteSpace(tab.Title)) p.Add(new($"layout[{t}].title", "is required."));
            for (var i = 0; i < tab.Panels.Count; i++)
            {
                var panel = tab.Panels[i];
                var path = $"layout[{t}].panels[{i}]";
                foreach (var key in panel.Fields.Where(k => d.FindField(k) is null))
                    p.Add(new($"{path}.fields", $"names unknown field '{key}'."));
                CheckRule(d, panel.VisibleWhen, $"{path}.visible_when", p);
                CheckRule(d, panel.EnabledWhen, $"{path}.enabled_when", p);
                if (panel.EnabledWhen is not null && panel.Kind != PanelKind.Inputs)
                    p.Add(new($"{path}.enabled_when", "only Inputs panels can be enabled or disabled."));
                if (panel.Kind == PanelKind.KeyValue)
                {
                    var source = panel.Source ?? "";
                    if (source != "fields" && !(source.StartsWith("external:") && source.Length > 9))
                        p.Add(new($"{path}.source", "must be 'fields' or 'external:<document name>'."));
                    if (!JsonPath.IsValid(panel.Path))
                        p.Add(new($"{path}.path", "must be a JSON path like $.device.sessions or $.items[0]."));
                }
            }
        }
    }

    private static void CheckRule(TemplateDefinition d, PanelRule? rule, string path, List<Problem> p)
    {
        if (rule is null) return;
        if (rule.Kind is RuleKind.FieldEquals or RuleKind.FieldFilled && d.FindField(rule.Field ?? "") is null)
            p.Add(new($"{path}.field", $"names unknown field '{rule.Field}'."));
        if (rule.Kind == RuleKind.FieldEquals && string.IsNullOrEmpty(rule.Value))
            p.Add(new($"{path}.value", "is required."));
        if (rule.Kind == RuleKind.HasObject && !Enum.TryParse<Objects.ObjectKind>(rule.ObjectKind, true, out _))
            p.Add(new($"{path}.object_kind", "must be inquiry, account, report or transaction."));
    }

    private static void ValidateActions(TemplateDefinition d, List<Problem> p)
    {
        CheckKeys(d.Actions.Select(a => a.Key), "actions", p);
        for (var i = 0; i < d.Actions.Count; i++)
        {
            var a = d.Actions[i];
            if (string.IsNullOrWhiteSpace(a.Label)) p.Add(new($"actions[{i}].label", "is required."));
            if (d.FindStatus(a.TargetStatus) is null)
                p.Add(new($"actions[{i}].target_status", $"names unknown status '{a.TargetStatus}'."));
            foreach (var key in a.RequiredFields.Where(k => d.FindField(k) is null))
                p.Add(new($"actions[{i}].required_fields", $"names unknown field '{key}'."));
            foreach (var role in a.Roles.Where(r => !Security.Roles.All.Contains(r)))
                p.Add(new($"actions[{i}].roles", $"names unknown role '{role}'."));
        }
    }

    private static void CheckKeys(IEnumerable<string> keys, string path, List<Problem> p)
    {
        var seen = new HashSet<string>();
        var i = 0;
        foreach (var key in keys)
        {
            if (key is null || !ItemKey().IsMatch(key))
                p.Add(new($"{path}[{i}].key", "must be lower_snake_case (a-z, 0-9, _), starting with a letter."));
            else if (!seen.Add(key))
                p.Add(new($"{path}[{i}].key", $"duplicate key '{key}'."));
            i++;
        }
    }

    public static string Describe(FieldType type) => type switch
    {
        FieldType.LongText => "long text",
        FieldType.MultiSelect => "multi-select",
        _ => type.ToString().ToLowerInvariant(),
    };
}
