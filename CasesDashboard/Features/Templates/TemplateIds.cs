namespace CasesDashboard.Features.Templates;

/// <summary>
/// A template's public id is <c>ctmpl_</c> + its key (<c>ctmpl_DOR</c>): the key is unique and fixed once the template exists
/// (ADR 004), so the id never changes and needs no column of its own.
/// </summary>
public static class TemplateIds
{
    public const string Prefix = "ctmpl_";

    public static string Of(string key) => Prefix + key;

    /// <summary>The key a public id (or a bare key) names.</summary>
    public static string KeyOf(string id) => id.StartsWith(Prefix, StringComparison.Ordinal) ? id[Prefix.Length..] : id;
}
