using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Tenants;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Infrastructure.Database;

/// <summary>
/// The one model for both engines. Each engine has a derived context only so that its migrations live in their
/// own folder (EF's "one context type per provider" layout).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<SandboxNumber> SandboxNumbers => Set<SandboxNumber>();
    public DbSet<VerificationRecord> Verifications => Set<VerificationRecord>();
    public DbSet<MessageRecord> Messages => Set<MessageRecord>();
    public DbSet<MessagePart> MessageParts => Set<MessagePart>();
    public DbSet<Messages.Delivery.DeliveryNodeRecord> DeliveryNodes => Set<Messages.Delivery.DeliveryNodeRecord>();
    public DbSet<UnmatchedReceipt> UnmatchedReceipts => Set<UnmatchedReceipt>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<Messages.Inbound.InboundMessage> InboundMessages => Set<Messages.Inbound.InboundMessage>();
    public DbSet<Messages.Inbound.OptOut> OptOuts => Set<Messages.Inbound.OptOut>();
    public DbSet<Messages.Inbound.InboundMessagePart> InboundMessageParts => Set<Messages.Inbound.InboundMessagePart>();
    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();
    public DbSet<Qualification> Qualifications => Set<Qualification>();
    public DbSet<LandingApp> LandingApps => Set<LandingApp>();
    public DbSet<Templates.SmsTemplate> Templates => Set<Templates.SmsTemplate>();
    public DbSet<Signatures.Signature> Signatures => Set<Signatures.Signature>();
    public DbSet<RealPerson.RealPersonCheck> RealPersonChecks => Set<RealPerson.RealPersonCheck>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Captcha.TenantCaptchaPolicy> CaptchaPolicies => Set<Captcha.TenantCaptchaPolicy>();
    public DbSet<Limits.RateLimitRule> RateLimitRules => Set<Limits.RateLimitRule>();
    public DbSet<Compat.Credentials.VendorCredential> VendorCredentials => Set<Compat.Credentials.VendorCredential>();
    public DbSet<Operators.OperatorAccount> Operators => Set<Operators.OperatorAccount>();
    public DbSet<TenantPeople.TenantUser> TenantUsers => Set<TenantPeople.TenantUser>();
    public DbSet<TenantPeople.TenantInvitation> TenantInvitations => Set<TenantPeople.TenantInvitation>();
    public DbSet<SmppGateway.SmppAccount> SmppAccounts => Set<SmppGateway.SmppAccount>();
    public DbSet<SmppGateway.OwedDelivery> OwedDeliveries => Set<SmppGateway.OwedDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // All times are UTC. SQLite hands DateTime back without a kind; this puts it back so JSON says "Z".
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqliteAppDbContext : AppDbContext
{
    public SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options)
        : base(options)
    {
        // Even a one-row save runs in a transaction, so that every write passes the SqliteWriteGate.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
