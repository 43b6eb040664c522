using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Templates;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Data;

/// <summary>The case store. On SQLite this type itself; on PostgreSQL its subclass <see cref="PostgresCasesDbContext"/> (own migrations).</summary>
public class CasesDbContext(DbContextOptions<CasesDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseTag> CaseTags => Set<CaseTag>();
    public DbSet<CaseComment> CaseComments => Set<CaseComment>();
    public DbSet<ExternalDocument> ExternalDocuments => Set<ExternalDocument>();
    public DbSet<CaseObjectLink> CaseObjectLinks => Set<CaseObjectLink>();
    public DbSet<CaseObject> Objects => Set<CaseObject>();
    public DbSet<CaseTemplate> CaseTemplates => Set<CaseTemplate>();
    public DbSet<CaseTemplateVersion> CaseTemplateVersions => Set<CaseTemplateVersion>();
    public DbSet<CaseTemplateDraft> CaseTemplateDrafts => Set<CaseTemplateDraft>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<SeedMarker> SeedMarkers => Set<SeedMarker>();
    public DbSet<EventCursor> EventCursors => Set<EventCursor>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<Features.Sla.SlaPolicy> SlaPolicies => Set<Features.Sla.SlaPolicy>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Queues.Queue> Queues => Set<Features.Queues.Queue>();
    public DbSet<Features.Queues.QueueMember> QueueMembers => Set<Features.Queues.QueueMember>();
    public DbSet<Features.Queues.Availability> Availability => Set<Features.Queues.Availability>();
    public DbSet<Features.Views.SavedView> SavedViews => Set<Features.Views.SavedView>();
    public DbSet<Features.Api.ApiKey> ApiKeys => Set<Features.Api.ApiKey>();
    public DbSet<Features.Api.IdempotencyRecord> IdempotencyRecords => Set<Features.Api.IdempotencyRecord>();
    public DbSet<Features.Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Features.Webhooks.WebhookSubscription>();
    public DbSet<Features.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Webhooks.WebhookDelivery>();
    public DbSet<Features.Webhooks.WebhookAttempt> WebhookAttempts => Set<Features.Webhooks.WebhookAttempt>();
    public DbSet<Features.Automations.AutomationRule> AutomationRules => Set<Features.Automations.AutomationRule>();
    public DbSet<Features.Automations.AutomationRuleVersion> AutomationRuleVersions => Set<Features.Automations.AutomationRuleVersion>();
    public DbSet<Features.Automations.AutomationRun> AutomationRuns => Set<Features.Automations.AutomationRun>();
    /// <summary>The keys that protect sign-in cookies and antiforgery tokens: kept with the data, so sign-ins survive a restart.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CasesDbContext).Assembly);
        if (Database.IsNpgsql()) PostgresModel.Apply(builder);
        else builder.Entity<AuditEvent>().Ignore(e => e.TxId);
        FieldSql.Register(builder, Database.IsNpgsql());
        Features.Analytics.AnalyticsSql.Register(builder, Database.IsNpgsql());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Every time is UTC; SQLite hands DateTime back unspecified, so say what it is.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // Money stays exact: decimal is TEXT on SQLite (compared in SQL through EF Core's ef_compare, never ordered or summed there) and numeric
        // on PostgreSQL.
    }
}
