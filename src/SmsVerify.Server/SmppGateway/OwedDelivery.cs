using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Inbound;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// A deliver_sm owed to an account's gateway: the receipt of a message it submitted with registered_delivery (due
/// once the message is final), or a reply from a phone. Kept until the gateway answers deliver_sm_resp OK, however
/// long it stays unbound; a node sending it holds it for <see cref="SmppListenerOptions.DeliveryLease"/>.
/// </summary>
public sealed class OwedDelivery
{
    public const int MaxAddressLength = 20;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AccountId { get; init; }

    /// <summary>Set for a receipt: the message it reports.</summary>
    public Guid? MessageId { get; init; }

    /// <summary>Set for a reply: the message from the phone.</summary>
    public Guid? InboundId { get; init; }

    /// <summary>registered_delivery asked for a receipt on failure only (§5.2.17, value 2): a delivered message owes none.</summary>
    public bool FailuresOnly { get; init; }

    /// <summary>The deliver_sm's source_addr and destination_addr: for a receipt the submit's own, swapped.</summary>
    public required string SourceAddr { get; init; }
    public required string DestinationAddr { get; init; }

    public int Attempts { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
}

internal sealed class OwedDeliveryConfiguration : IEntityTypeConfiguration<OwedDelivery>
{
    public void Configure(EntityTypeBuilder<OwedDelivery> builder)
    {
        builder.ToTable("smpp_owed_deliveries");
        builder.HasIndex(d => new { d.AccountId, d.NextAttemptAt });
        builder.HasIndex(d => d.MessageId);
        builder.HasIndex(d => d.InboundId);
        builder.Property(d => d.SourceAddr).HasMaxLength(OwedDelivery.MaxAddressLength);
        builder.Property(d => d.DestinationAddr).HasMaxLength(OwedDelivery.MaxAddressLength);
        builder.HasOne<SmppAccount>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
        // Pruning the message log or the inbox takes what is still owed for them along.
        builder.HasOne<MessageRecord>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InboundMessage>().WithMany().HasForeignKey(d => d.InboundId).OnDelete(DeleteBehavior.Cascade);
    }
}
