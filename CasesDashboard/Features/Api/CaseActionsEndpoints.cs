using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;

namespace CasesDashboard.Features.Api;

/// <summary>
/// Persona's case actions, <c>POST /api/v1/cases/{id}/&lt;action&gt;</c> with the arguments in <c>meta</c>; each answers the case.
/// Who may do what is the services' rule (an Analyst key works only cases assigned to it, as a person would).
/// </summary>
public static class CaseActionsEndpoints
{
    public static RouteGroupBuilder MapCaseActions(this RouteGroupBuilder api)
    {
        Action("add-objects", "Link objects (meta.object-ids) to a case", (c, meta, http) =>
            c.LinkObjectsAsync(Id(http), meta.Only("object-ids").Strings("object-ids", required: true)!, http.Actor(), http.RequestAborted));
        Action("remove-objects", "Unlink objects (meta.object-ids) from a case; ids not linked are ignored", (c, meta, http) =>
            c.UnlinkObjectsAsync(Id(http), meta.Only("object-ids").Strings("object-ids", required: true)!, http.Actor(), http.RequestAborted));
        Action("set-status", "Move a case to a status (meta.status, optional meta.comment); resolving needs the required fields", (c, meta, http) =>
        {
            meta.Only("status", "comment");
            return c.SetStatusAsync(Id(http), meta.String("status", required: true)!, meta.String("comment"), http.Request.ExpectedVersion(), http.Actor(), http.RequestAborted);
        });
        Action("add-tag", "Add a tag (meta.tag-name)", (c, meta, http) =>
            c.AddTagAsync(Id(http), meta.Only("tag-name").String("tag-name", required: true)!, http.Actor(), http.RequestAborted));
        Action("remove-tag", "Remove a tag (meta.tag-name)", (c, meta, http) =>
            c.RemoveTagAsync(Id(http), meta.Only("tag-name").String("tag-name", required: true)!, http.Actor(), http.RequestAborted));
        Action("set-tags", "Replace the tags with meta.tag-name (a list)", (c, meta, http) =>
            c.SetTagsAsync(Id(http), meta.Only("tag-name").Strings("tag-name", required: true)!, http.Actor(), http.RequestAborted));
        Action("add-comment", "Comment on a case (meta.comment)", (c, meta, http) =>
            c.AddCommentAsync(Id(http), meta.Only("comment").String("comment", required: true)!, http.Actor(), http.RequestAborted));

        api.MapPost("/cases/{id}/assign", async (string id, HttpContext http, CaseService cases, UserDirectory users, CaseFeed feed, CaseDocuments docs) =>
        {
            var query = ApiQuery.Parse(http.Request, ApiDocuments.CaseIncludes);
            var meta = ApiInput.Read(http).Meta("user-email-address");
            if (!meta.Has("user-email-address")) throw new MalformedInputException(meta.At("user-email-address"), "user-email-address is required (null to unassign).");
            var email = meta.String("user-email-address");
            var user = email is null ? null : await users.FindByEmailAsync(email, http.RequestAborted)
                ?? throw new ValidationException("assignee", $"No user with email address '{email}'.");
            await cases.AssignAsync(id, user?.Id, http.Request.ExpectedVersion(), http.Actor(), http.RequestAborted);
            return await CasesEndpoints.CaseAsync(http, feed, docs, id, query);
        }).RequireAuthorization(Policies.WorkCases).WithSummary("Assign a case to a user by email address (null unassigns)");
        return api;

        void Action(string name, string summary, Func<CaseService, Members, HttpContext, Task<CaseChanged>> act) =>
            api.MapPost($"/cases/{{id}}/{name}", async (HttpContext http, CaseService cases, CaseFeed feed, CaseDocuments docs) =>
            {
                var query = ApiQuery.Parse(http.Request, ApiDocuments.CaseIncludes);
                var meta = ApiInput.Read(http).Meta("object-ids", "status", "comment", "tag-name");
                await act(cases, meta, http);
                return await CasesEndpoints.CaseAsync(http, feed, docs, Id(http), query);
            }).RequireAuthorization(Policies.WorkCases).WithSummary(summary).WithName(name);
    }

    private static string Id(HttpContext http) => (string)http.GetRouteValue("id")!;
}
