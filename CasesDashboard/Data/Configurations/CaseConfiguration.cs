using CasesDashboard.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CasesDashboard.Data.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.HasIndex(c => c.PublicId).IsUnique();
        b.HasIndex(c => c.Name);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.PublicId).HasMaxLength(32);
        b.Property(c => c.Name).HasMaxLength(32);
        b.Property(c => c.Status).HasMaxLength(64);

        // Everything the grid filters or sorts on, with the time tie-breaker for stable paging.
        b.HasIndex(c => new { c.Status, c.TemplateId, c.SlaExpiresAt });
        b.HasIndex(c => new { c.TemplateId, c.CreatedAt });
        b.HasIndex(c => new { c.StatusType, c.SlaExpiresAt });
        b.HasIndex(c => new { c.AssigneeId, c.StatusType, c.UpdatedAt });
        b.HasIndex(c => new { c.Priority, c.CreatedAt });
        b.HasIndex(c => c.CreatedAt);
        // The API's list: newest first within a status, cursor-paged by (CreatedAt, Id).
        b.HasIndex(c => new { c.Status, c.CreatedAt });
        b.HasIndex(c => c.UpdatedAt);
        b.HasIndex(c => c.ResolvedAt);
        b.HasIndex(c => c.SlaExpiresAt);
        // The SLA monitor reads only the running cases that are due (or nearly): no scan of everything.
        b.HasIndex(c => new { c.SlaStage, c.SlaExpiresAt });
        // Analytics: resolutions per template over a date range.
        b.HasIndex(c => new { c.TemplateId, c.ResolvedAt });

        b.HasOne<Features.Templates.CaseTemplate>().WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Comments).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.ExternalData).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Links).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseTagConfiguration : IEntityTypeConfiguration<CaseTag>
{
    public void Configure(EntityTypeBuilder<CaseTag> b)
    {
        b.HasKey(t => new { t.CaseId, t.Tag });
        b.HasIndex(t => t.Tag);
        b.Property(t => t.Tag).HasMaxLength(64);
    }
}

internal sealed class CaseCommentConfiguration : IEntityTypeConfiguration<CaseComment>
{
    public void Configure(EntityTypeBuilder<CaseComment> b) => b.HasIndex(c => new { c.CaseId, c.Id });
}

internal sealed class ExternalDocumentConfiguration : IEntityTypeConfiguration<ExternalDocument>
{
    public void Configure(EntityTypeBuilder<ExternalDocument> b) => b.HasIndex(d => new { d.CaseId, d.Name });
}

internal sealed class CaseObjectLinkConfiguration : IEntityTypeConfiguration<CaseObjectLink>
{
    public void Configure(EntityTypeBuilder<CaseObjectLink> b)
    {
        b.HasKey(l => new { l.CaseId, l.ObjectId });
        b.HasIndex(l => l.ObjectId);
        b.HasOne<Features.Objects.CaseObject>().WithMany().HasForeignKey(l => l.ObjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
