using CasesDashboard.Features.Templates;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>A template that exercises every field type, every panel kind and every action rule.</summary>
public static class TestTemplates
{
    public const string Key = "TST";

    public static TemplateDefinition Review() => new()
    {
        Key = Key, Name = "Test review", SlaHours = 24,
        Statuses =
        [
            new() { Key = "open", Label = "Open", Type = StatusType.Initial },
            new() { Key = "working", Label = "Working", Type = StatusType.Intermediate },
            new() { Key = "approved", Label = "Approved", Type = StatusType.End, Color = "success" },
            new() { Key = "rejected", Label = "Rejected", Type = StatusType.End, Color = "error" },
        ],
        Fields =
        [
            new() { Key = "note", Label = "Note", Type = FieldType.Text },
            new() { Key = "story", Label = "Story", Type = FieldType.LongText },
            new() { Key = "count", Label = "Count", Type = FieldType.Number },
            new() { Key = "loss", Label = "Loss", Type = FieldType.Money },
            new() { Key = "due", Label = "Due", Type = FieldType.Date },
            new() { Key = "verdict", Label = "Verdict", Type = FieldType.Select, Options = ["clean", "fraud"], RequiredToResolve = true },
            new() { Key = "flags", Label = "Flags", Type = FieldType.MultiSelect, Options = ["a", "b", "c"] },
            new() { Key = "confirmed", Label = "Confirmed", Type = FieldType.Checkbox, RequiredToResolve = true },
            new() { Key = "evidence", Label = "Evidence", Type = FieldType.Json },
            new() { Key = "legacy", Label = "Legacy", Type = FieldType.Text, Retired = true },
        ],
        Layout =
        [
            new()
            {
                Title = "Main",
                Panels =
                [
                    new() { Kind = PanelKind.Info, Title = "Case" },
                    new() { Kind = PanelKind.Fields, Title = "Read" },
                    new() { Kind = PanelKind.Inputs, Title = "Edit" },
                    new() { Kind = PanelKind.KeyValue, Title = "Sessions", Source = "external:device", Path = "$.sessions", Display = KeyValueDisplay.Table },
                    new() { Kind = PanelKind.Inquiries, Title = "Inquiries" },
                ],
            },
            new()
            {
                Title = "More",
                Panels =
                [
                    new() { Kind = PanelKind.Accounts, Title = "Accounts" },
                    new() { Kind = PanelKind.Reports, Title = "Reports" },
                    new() { Kind = PanelKind.Transactions, Title = "Transactions" },
                    new() { Kind = PanelKind.Comments, Title = "Comments" },
                    new() { Kind = PanelKind.Timeline, Title = "Timeline" },
                ],
            },
        ],
        Actions =
        [
            new() { Key = "start", Label = "Start", TargetStatus = "working" },
            new() { Key = "approve", Label = "Approve", TargetStatus = "approved", RequiredFields = ["count"] },
            new() { Key = "reject", Label = "Reject", TargetStatus = "rejected", CommentRequired = true },
            new() { Key = "escalate_close", Label = "Close for leads", TargetStatus = "approved", Roles = ["Lead"] },
        ],
    };
}
