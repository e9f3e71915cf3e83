using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// The server's master secret when none is configured: generated once and shared by every node through the
/// database. Production should set <c>Security:MasterKey</c> instead, so a database dump alone reveals nothing.
/// </summary>
public sealed class ServerSecret
{
    public required string Name { get; init; }
    public required byte[] Value { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class ServerSecretConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> builder)
    {
        builder.ToTable("server_secrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
    }
}
