using Microsoft.AspNetCore.Components;

namespace CasesDashboard.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    /// <summary>Goes to <paramref name="uri"/> when it is a page of this app, otherwise to the dashboard (no open redirects).</summary>
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalPathOrHome(uri));

    /// <summary>
    /// The app-relative form of <paramref name="uri"/> when, resolved the way a browser would, it stays under the app's base
    /// address; "" (the dashboard) for anything else: other hosts, <c>//host</c>, <c>/\host</c>, <c>javascript:</c>.
    /// </summary>
    private string LocalPathOrHome(string? uri)
    {
        if (string.IsNullOrEmpty(uri) || uri.Contains('\\') || uri.Any(char.IsControl)) return "";
        return Uri.TryCreate(new Uri(navigationManager.BaseUri), uri, out var target)
            && target.AbsoluteUri.StartsWith(navigationManager.BaseUri, StringComparison.Ordinal)
            ? navigationManager.ToBaseRelativePath(target.AbsoluteUri)
            : "";
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }
}
