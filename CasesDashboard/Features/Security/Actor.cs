using System.Security.Claims;

namespace CasesDashboard.Features.Security;

/// <summary>What kind of party made a change (Persona's creator/assigner/resolver types).</summary>
public enum ActorType { User, ApiKey, Automation, Policy, System }

/// <summary>
/// Who is acting. Services take an actor instead of reading an HTTP context, so the UI, the API,
/// automations and the seed importer share the same rules. Every actor has exactly the roles it was given:
/// an API key its key's role, an automation the roles its rule was given, the system (seed, migrations) Admin.
/// No actor type has powers of its own.
/// </summary>
public sealed record Actor(ActorType Type, string Id, string Name, IReadOnlySet<string> Roles)
{
    /// <summary>The product itself (seed import, start-up work): an admin, and named as such on the timeline.</summary>
    public static Actor System(string name = "system") =>
        new(ActorType.System, name, name, new HashSet<string> { Security.Roles.Admin });

    public static Actor User(string id, string name, params string[] roles) =>
        new(ActorType.User, id, name, roles.ToHashSet());

    /// <summary>The actor a signed-in principal stands for: a user, or an API key when it carries <see cref="TypeClaim"/>.</summary>
    public static Actor FromPrincipal(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var name = principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity?.Name ?? id;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        var type = Enum.TryParse<ActorType>(principal.FindFirstValue(TypeClaim), out var t) ? t : ActorType.User;
        return new(type, id, name, roles);
    }

    public const string DisplayNameClaim = "display_name";
    /// <summary>The actor type of a principal that is not a signed-in user (an API key).</summary>
    public const string TypeClaim = "actor_type";

    public bool IsAdmin => Roles.Contains(Security.Roles.Admin);
    public bool IsLead => IsAdmin || Roles.Contains(Security.Roles.Lead);
    public bool CanWork => IsLead || Roles.Contains(Security.Roles.Analyst);
    public bool HasAnyRole(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    public string TypeName => TypeNameOf(Type);

    public static string TypeNameOf(ActorType type) => type switch
    {
        ActorType.User => "user",
        ActorType.ApiKey => "api-key",
        ActorType.Automation => "workflow-run",
        ActorType.Policy => "case-assignment-policy",
        _ => "system",
    };
}
