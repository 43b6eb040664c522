using CasesDashboard.Features.Views;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CasesDashboard.Data.Configurations;

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.HasIndex(v => v.OwnerId);
        b.HasIndex(v => v.Shared);
        b.Property(v => v.Name).HasMaxLength(SavedViewService.MaxNameLength);
        b.Property(v => v.OwnerId).HasMaxLength(64);
        b.Property(v => v.OwnerName).HasMaxLength(256);
        b.Property(v => v.Query).HasMaxLength(SavedViewService.MaxQueryLength);
        b.Property(v => v.Columns).HasMaxLength(2_000);
    }
}
