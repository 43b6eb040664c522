using Microsoft.AspNetCore.Identity;

namespace CasesDashboard.Data;

public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
