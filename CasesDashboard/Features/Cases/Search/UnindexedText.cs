using System.Linq.Expressions;
using CasesDashboard.Data;
using CasesDashboard.Features.Objects;

namespace CasesDashboard.Features.Cases.Search;

/// <summary>
/// How a term matches on a database provider that keeps no trigram index (PostgreSQL, until its pg_trgm branch is added to
/// <see cref="CaseSearchIndex"/>): as the search did before the index, a whole reference id or email, a case name or its
/// template key, or part of an account's or an inquiry's person name.
/// </summary>
internal static class UnindexedText
{
    public static Expression<Func<Case, bool>> Matches(CasesDbContext db, string term)
    {
        var upper = term.ToUpperInvariant();
        var lower = term.ToLowerInvariant();
        var objectIds = db.Objects.Where(o => o.ReferenceId == term
            || (o is Account && (((Account)o).Email == lower || ((Account)o).Name!.Contains(term)))
            || (o is Inquiry && (((Inquiry)o).NameFirst + " " + ((Inquiry)o).NameLast).Contains(term))).Select(o => o.Id);
        return c => c.Name == upper || c.Name.StartsWith(upper + "-") || db.CaseObjectLinks.Any(l => l.CaseId == c.Id && objectIds.Contains(l.ObjectId));
    }
}
