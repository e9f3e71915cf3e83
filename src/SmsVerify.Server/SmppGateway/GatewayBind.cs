using System.Collections.Concurrent;
using System.Net;
using SmsVerify.Server.Tenants;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.SmppGateway;

/// <summary>The account a bind authenticated as, read once at bind time.</summary>
internal sealed record BoundAccount(
    Guid Id, Guid TenantId, string SystemId, TenantMode Mode, int Window, int MessagesPerSecond, bool ReceivesReplies, IPNetwork[] Ranges);

/// <summary>
/// What the listener keeps for one bound session (its <c>State</c>): the account, the submits not yet answered
/// (the window), the long messages in parts, and the deliver_sm it sent that wait for their deliver_sm_resp.
/// </summary>
internal sealed class GatewayBind(BoundAccount account, BindMode mode, PartAssembler parts)
{
    public BoundAccount Account => account;

    public bool Transmits => mode != BindMode.Receiver;
    public bool Receives => mode != BindMode.Transmitter;

    /// <summary>submit_sm and data_sm received and not yet answered.</summary>
    public int InFlight;

    public PartAssembler Parts => parts;

    /// <summary>
    /// The message id a long message's first part was answered with, by the key its parts are held under, when, and
    /// the receipt its parts have asked for so far.
    /// An id whose message never completed is forgotten with its parts (<see cref="GatewaySubmits"/> prunes them).
    /// </summary>
    public ConcurrentDictionary<string, (Guid Id, DateTimeOffset At, byte Receipt)> LongMessageIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Owed deliveries sent on this bind, by the deliver_sm's sequence_number.</summary>
    public ConcurrentDictionary<uint, Guid> Sent { get; } = new();
}
