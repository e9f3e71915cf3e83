using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Messages;

/// <summary>
/// The platform's log of one message sent. It keeps the text with any code masked: the log is read by
/// operators and kept long, and a code in it would be a live credential.
/// </summary>
public sealed class MessageRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string To { get; init; }
    public required string Signature { get; init; }
    public required string Template { get; init; }
    public required string MaskedText { get; init; }

    /// <summary>
    /// Only for a message delivered to a test number: the text as that virtual phone shows it, code included.
    /// These texts are the sandbox inbox; deleting the test number erases them and keeps the masked log.
    /// </summary>
    public string? SandboxText { get; set; }
    public int Segments { get; init; }
    public required string Channel { get; init; }
    public required string Status { get; init; }
    public Guid? VerificationId { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class MessageRecordConfiguration : IEntityTypeConfiguration<MessageRecord>
{
    public void Configure(EntityTypeBuilder<MessageRecord> builder)
    {
        builder.ToTable("messages");
        builder.HasIndex(m => new { m.TenantId, m.CreatedAt });
        builder.HasIndex(m => new { m.TenantId, m.To, m.CreatedAt });
        builder.HasIndex(m => m.VerificationId);
        builder.Property(m => m.To).HasMaxLength(16);
        builder.Property(m => m.Signature).HasMaxLength(40);
        builder.Property(m => m.Template).HasMaxLength(40);
        builder.Property(m => m.MaskedText).HasMaxLength(1000);
        builder.Property(m => m.SandboxText).HasMaxLength(1000);
        builder.Property(m => m.Channel).HasMaxLength(32);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
