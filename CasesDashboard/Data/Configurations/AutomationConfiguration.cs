using CasesDashboard.Features.Automations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CasesDashboard.Data.Configurations;

internal sealed class AutomationRuleConfiguration : IEntityTypeConfiguration<AutomationRule>
{
    public void Configure(EntityTypeBuilder<AutomationRule> b)
    {
        b.HasIndex(r => r.PublicId).IsUnique();
        b.HasIndex(r => r.Name).IsUnique();
        b.Property(r => r.PublicId).HasMaxLength(32);
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.TriggerType).HasMaxLength(32);
        b.Property(r => r.DisabledReason).HasMaxLength(1000);
        b.Property(r => r.UpdatedBy).HasMaxLength(200);
        b.Property(r => r.Version).IsConcurrencyToken();
        // The engine loads the enabled rules of the triggers in a batch; the scheduler the due schedules.
        b.HasIndex(r => new { r.Enabled, r.TriggerType, r.Order });
        b.HasIndex(r => new { r.TriggerType, r.NextRunAt });
    }
}

internal sealed class AutomationRuleVersionConfiguration : IEntityTypeConfiguration<AutomationRuleVersion>
{
    public void Configure(EntityTypeBuilder<AutomationRuleVersion> b)
    {
        b.HasIndex(v => new { v.RuleId, v.Version }).IsUnique();
        b.Property(v => v.Name).HasMaxLength(200);
        b.Property(v => v.EditedBy).HasMaxLength(200);
        b.Property(v => v.EditedById).HasMaxLength(200);
        b.Property(v => v.Change).HasMaxLength(100);
        b.HasOne<AutomationRule>().WithMany().HasForeignKey(v => v.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AutomationRunConfiguration : IEntityTypeConfiguration<AutomationRun>
{
    public void Configure(EntityTypeBuilder<AutomationRun> b)
    {
        b.HasIndex(r => r.PublicId).IsUnique();
        b.Property(r => r.PublicId).HasMaxLength(32);
        b.Property(r => r.RuleName).HasMaxLength(200);
        b.Property(r => r.CasePublicId).HasMaxLength(32);
        b.Property(r => r.ObjectId).HasMaxLength(64);
        b.Property(r => r.Trigger).HasMaxLength(500);
        b.Property(r => r.FailedCondition).HasMaxLength(2000);
        b.Property(r => r.Error).HasMaxLength(2000);
        // The run log per rule and per case, newest first; retention by time.
        b.HasIndex(r => new { r.RuleId, r.Id });
        b.HasIndex(r => new { r.CaseId, r.Id });
        b.HasIndex(r => r.At);
        b.HasOne<AutomationRule>().WithMany().HasForeignKey(r => r.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
