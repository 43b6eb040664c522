using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Queues;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CasesDashboard.Data.Configurations;

internal sealed class QueueConfiguration : IEntityTypeConfiguration<Queue>
{
    public void Configure(EntityTypeBuilder<Queue> b)
    {
        b.HasIndex(q => q.PublicId).IsUnique();
        b.HasIndex(q => q.Key).IsUnique();
        b.Property(q => q.PublicId).HasMaxLength(32);
        b.Property(q => q.Key).HasMaxLength(40);
        b.Property(q => q.Name).HasMaxLength(100);
        b.Property(q => q.Revision).IsConcurrencyToken();
        b.HasMany(q => q.Members).WithOne().HasForeignKey(m => m.QueueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QueueMemberConfiguration : IEntityTypeConfiguration<QueueMember>
{
    public void Configure(EntityTypeBuilder<QueueMember> b)
    {
        b.HasKey(m => new { m.QueueId, m.UserId });
        b.HasIndex(m => m.UserId);
    }
}

internal sealed class AvailabilityConfiguration : IEntityTypeConfiguration<Availability>
{
    public void Configure(EntityTypeBuilder<Availability> b) => b.HasKey(a => a.UserId);
}

/// <summary>
/// A case's queue: newest first within a queue (the API's list), and per queue order a partial index of its open and of its
/// waiting cases. No foreign key: SQLite would rebuild the whole case table to add one, and queues are archived, never deleted.
/// </summary>
internal sealed class CaseQueueConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.HasIndex(c => new { c.QueueId, c.CreatedAt });
        foreach (var (_, name, columns, descending) in QueueOrders.Indexes())
        {
            b.HasIndex(columns, $"IX_Cases_QueueOpen_{name}").IsDescending(descending).HasFilter(QueueOrders.OpenFilter);
            b.HasIndex(columns, $"IX_Cases_QueueWaiting_{name}").IsDescending(descending).HasFilter(QueueOrders.WaitingFilter);
        }
    }
}
