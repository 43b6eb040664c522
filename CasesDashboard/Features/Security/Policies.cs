using Microsoft.AspNetCore.Authorization;

namespace CasesDashboard.Features.Security;

/// <summary>Named authorization policies; every page and endpoint declares one of these.</summary>
public static class Policies
{
    /// <summary>Read cases: every signed-in role.</summary>
    public const string ViewCases = "ViewCases";
    /// <summary>Change cases: analysts, leads and admins.</summary>
    public const string WorkCases = "WorkCases";
    /// <summary>Assign anyone, reopen, see analytics: leads and admins.</summary>
    public const string LeadCases = "LeadCases";
    /// <summary>Templates, queues, automations, users, API keys.</summary>
    public const string Administer = "Administer";

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [ViewCases] = [Roles.Admin, Roles.Lead, Roles.Analyst, Roles.Viewer],
        [WorkCases] = [Roles.Admin, Roles.Lead, Roles.Analyst],
        [LeadCases] = [Roles.Admin, Roles.Lead],
        [Administer] = [Roles.Admin],
    };

    public static AuthorizationBuilder AddCasesPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in RolesByPolicy)
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        return builder;
    }
}
