using Microsoft.AspNetCore.WebUtilities;

namespace CasesDashboard.Components.Layout;

public enum NavView { None, MyCases, Unassigned, AllCases, Templates, Queues, QueueSetup, Analytics, SlaPolicies }

/// <summary>
/// Which navigation entry is the view the reader is on. NavLink matches paths only (NavLinkMatch.All ignores the query
/// since .NET 10), and My cases, Unassigned and All cases are one path, /cases, told apart by the assignee filter.
/// </summary>
public static class NavViews
{
    public static NavView Of(Uri uri, Uri baseUri)
    {
        var path = baseUri.MakeRelativeUri(uri).OriginalString.Split('?', '#')[0].TrimEnd('/');
        if (path.Equals("cases", StringComparison.OrdinalIgnoreCase))
            return QueryHelpers.ParseQuery(uri.Query).GetValueOrDefault("assignee").ToString() switch
            {
                Features.Cases.CaseFilter.Me => NavView.MyCases,
                Features.Cases.CaseFilter.Unassigned => NavView.Unassigned,
                _ => NavView.AllCases,
            };
        bool Under(string prefix) => path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
        return Under("admin/templates") ? NavView.Templates
            : Under("analytics") ? NavView.Analytics
            : Under("queues") ? NavView.Queues
            : Under("admin/queues") ? NavView.QueueSetup
            : Under("admin/sla") ? NavView.SlaPolicies
            : NavView.None;
    }
}
