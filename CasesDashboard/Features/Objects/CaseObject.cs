namespace CasesDashboard.Features.Objects;

public enum ObjectKind { Inquiry, Account, Report, Transaction }

/// <summary>
/// A verification object a case can link to. Typed key columns for display and search, and the full
/// payload as received, kept whole. One table (TPH), one id prefix per kind.
/// </summary>
public abstract class CaseObject
{
    public string Id { get; set; } = "";
    public ObjectKind Kind { get; set; }
    public string? ReferenceId { get; set; }
    public string Status { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string PayloadJson { get; set; } = "{}";

    public static string PrefixOf(ObjectKind kind) => kind switch
    {
        ObjectKind.Inquiry => "inq_",
        ObjectKind.Account => "act_",
        ObjectKind.Report => "rep_",
        _ => "txn_",
    };

    public static ObjectKind? KindOfId(string id) =>
        Enum.GetValues<ObjectKind>().Cast<ObjectKind?>().FirstOrDefault(k => id.StartsWith(PrefixOf(k!.Value), StringComparison.Ordinal));
}

/// <summary>An identity verification. Status: created, pending, completed, approved, declined, needs_review, failed, expired.</summary>
public sealed class Inquiry : CaseObject
{
    public static readonly string[] Statuses = ["created", "pending", "completed", "approved", "declined", "needs_review", "failed", "expired"];
    public string? NameFirst { get; set; }
    public string? NameLast { get; set; }
    public DateOnly? Birthdate { get; set; }
    public string? Address { get; set; }
    public List<VerificationCheck> Checks { get; set; } = [];
}

public sealed record VerificationCheck(string Name, string Status, string? Detail = null)
{
    public bool Passed => Status == "passed";
}

public sealed class Account : CaseObject
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

/// <summary>A watchlist, PEP, adverse media, email risk or phone risk report.</summary>
public sealed class Report : CaseObject
{
    public static readonly string[] Types = ["watchlist", "pep", "adverse_media", "email_risk", "phone_risk"];
    public string ReportType { get; set; } = "";
    public int MatchCount { get; set; }
    public List<ReportMatch> Matches { get; set; } = [];
}

public sealed record ReportMatch(string Name, double Score, string? Source = null, string? Detail = null);

public sealed class Transaction : CaseObject
{
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "USD";
    public string TransactionType { get; set; } = "";
    public string? Counterparty { get; set; }
    public DateTime OccurredAt { get; set; }
}
