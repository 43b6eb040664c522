using System.Text.Json;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CasesDashboard.Data.Configurations;

internal sealed class ObjectConfiguration : IEntityTypeConfiguration<CaseObject>
{
    public void Configure(EntityTypeBuilder<CaseObject> b)
    {
        b.ToTable("Objects");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).HasMaxLength(40);
        b.HasDiscriminator(o => o.Kind)
            .HasValue<Inquiry>(ObjectKind.Inquiry)
            .HasValue<Account>(ObjectKind.Account)
            .HasValue<Report>(ObjectKind.Report)
            .HasValue<Transaction>(ObjectKind.Transaction);
        b.HasIndex(o => o.ReferenceId);
        // The API lists objects of one kind newest first, cursor-paged.
        b.HasIndex(o => new { o.Kind, o.CreatedAt, o.Id });
    }
}

internal sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> b) => b.Property(i => i.Checks).AsJson();
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b) => b.HasIndex(a => a.Email);
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b) => b.Property(r => r.Matches).AsJson();
}

internal static class JsonColumn
{
    /// <summary>Stores a list as a JSON text column, compared by content.</summary>
    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> p) =>
        p.HasConversion(
            v => JsonSerializer.Serialize(v, Json.Options),
            v => JsonSerializer.Deserialize<List<T>>(v, Json.Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, Json.Options) == JsonSerializer.Serialize(b, Json.Options),
                v => JsonSerializer.Serialize(v, Json.Options).GetHashCode(),
                v => v.ToList()));
}
