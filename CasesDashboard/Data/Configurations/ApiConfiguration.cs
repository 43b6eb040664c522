using CasesDashboard.Features.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CasesDashboard.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.HasIndex(k => k.Hash).IsUnique();
        b.HasIndex(k => k.PublicId).IsUnique();
        b.Property(k => k.PublicId).HasMaxLength(32);
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Role).HasMaxLength(20);
        b.Property(k => k.Prefix).HasMaxLength(20);
        b.Property(k => k.Hash).HasMaxLength(64);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => new { r.ApiKeyId, r.Key });
        b.Property(r => r.Key).HasMaxLength(255);
        b.HasIndex(r => r.CreatedAt);
        b.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
