using CasesDashboard.Features.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CasesDashboard.Data.Configurations;

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> b)
    {
        b.HasIndex(p => new { p.TemplateId, p.Priority, p.QueueId });
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Resolution);
        b.Ignore(p => p.FirstAssignment);
        b.Ignore(p => p.Calendar);
        b.Ignore(p => p.PauseStatuses);
        b.Ignore(p => p.Specificity);
        b.HasOne<Features.Templates.CaseTemplate>().WithMany().HasForeignKey(p => p.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Features.Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<Features.Notifications.Notification> b)
    {
        b.HasIndex(n => new { n.UserId, n.Id });
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.HasIndex(n => new { n.EventId, n.UserId, n.Kind }).IsUnique();
        b.Property(n => n.Text).HasMaxLength(400);
    }
}
