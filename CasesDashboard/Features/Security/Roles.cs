namespace CasesDashboard.Features.Security;

/// <summary>The four roles of the product, as stored in ASP.NET Core Identity.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Lead = "Lead";
    public const string Analyst = "Analyst";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Lead, Analyst, Viewer];
}
