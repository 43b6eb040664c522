using CasesDashboard.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CasesDashboard.Data.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.HasIndex(s => s.PublicId).IsUnique();
        b.Property(s => s.PublicId).HasMaxLength(32);
        b.Property(s => s.Url).HasMaxLength(2048);
        b.Property(s => s.Events).HasMaxLength(1000);
        b.Property(s => s.DisabledReason).HasMaxLength(1000);
        b.Property(s => s.CreatedBy).HasMaxLength(200);
        b.Ignore(s => s.EventList);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.HasIndex(d => d.PublicId).IsUnique();
        b.Property(d => d.PublicId).HasMaxLength(32);
        b.Property(d => d.CasePublicId).HasMaxLength(32);
        b.Property(d => d.EventId).HasMaxLength(32);
        b.Property(d => d.EventName).HasMaxLength(64);
        b.Property(d => d.ReplayOf).HasMaxLength(32);
        // What is due, oldest first; the earlier pending delivery of a subscription and case (head of line); a subscription's
        // deliveries newest first and its last attempt; finished deliveries past their retention.
        b.HasIndex(d => new { d.State, d.NextAttemptAt, d.Id });
        b.HasIndex(d => new { d.SubscriptionId, d.CaseId, d.State, d.Id });
        b.HasIndex(d => new { d.SubscriptionId, d.Id });
        b.HasIndex(d => new { d.SubscriptionId, d.LastAttemptedAt });
        b.HasIndex(d => d.CompletedAt);
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> b)
    {
        b.HasIndex(a => new { a.DeliveryId, a.Number });
        b.Property(a => a.Response).HasMaxLength(2048);
        b.Property(a => a.Error).HasMaxLength(1000);
    }
}
