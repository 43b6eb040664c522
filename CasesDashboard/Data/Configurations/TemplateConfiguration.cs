using CasesDashboard.Features.Audit;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CasesDashboard.Data.Configurations;

internal sealed class CaseTemplateConfiguration : IEntityTypeConfiguration<CaseTemplate>
{
    public void Configure(EntityTypeBuilder<CaseTemplate> b)
    {
        b.HasIndex(t => t.Key).IsUnique();
        b.Property(t => t.EditVersion).IsConcurrencyToken();
        b.Property(t => t.Key).HasMaxLength(10);
        b.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.CaseTemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseTemplateVersionConfiguration : IEntityTypeConfiguration<CaseTemplateVersion>
{
    public void Configure(EntityTypeBuilder<CaseTemplateVersion> b) =>
        b.HasIndex(v => new { v.CaseTemplateId, v.Version }).IsUnique();
}

internal sealed class CaseTemplateDraftConfiguration : IEntityTypeConfiguration<CaseTemplateDraft>
{
    public void Configure(EntityTypeBuilder<CaseTemplateDraft> b)
    {
        b.HasKey(d => d.CaseTemplateId);
        b.HasOne<CaseTemplate>().WithOne().HasForeignKey<CaseTemplateDraft>(d => d.CaseTemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.HasIndex(e => new { e.CaseId, e.Id });
        b.HasIndex(e => new { e.Type, e.At });
        b.HasIndex(e => e.Subject);
    }
}

internal sealed class EventCursorConfiguration : IEntityTypeConfiguration<EventCursor>
{
    public void Configure(EntityTypeBuilder<EventCursor> b)
    {
        b.HasKey(c => c.Consumer);
        b.Property(c => c.Consumer).HasMaxLength(100);
    }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> b)
    {
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(100);
    }
}

internal sealed class SeedMarkerConfiguration : IEntityTypeConfiguration<Data.SeedMarker>
{
    public void Configure(EntityTypeBuilder<Data.SeedMarker> b) => b.HasKey(m => m.Key);
}
