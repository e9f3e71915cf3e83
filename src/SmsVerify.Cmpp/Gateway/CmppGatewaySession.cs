using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Connection;
using SmsVerify.Cmpp.Packets;
using SmsVerify.Cmpp.Text;

namespace SmsVerify.Cmpp.Gateway;

/// <summary>
/// The ISMG side of one connection. Everything public here may be called from any thread: a test answers late,
/// injects an MO or drops the link from its own tasks.
/// </summary>
public sealed partial class CmppGatewaySession
{
    private readonly CmppGateway _gateway;
    private readonly CmppConnection _connection;
    private uint _sequence;

    internal CmppGatewaySession(CmppGateway gateway, CmppConnection connection)
    {
        _gateway = gateway;
        _connection = connection;
    }

    public CmppGatewayOptions Options => _gateway.Options;

    public string Remote => _connection.Remote;

    /// <summary>The SP_Id of the accepted login; null before it.</summary>
    public string? SpId { get; private set; }

    /// <summary>The version agreed at login: the field widths of everything after it.</summary>
    public CmppVersion Version => _connection.Version;

    public bool IsLoggedIn => SpId is not null && !_connection.Closed.IsCancellationRequested;

    public Task Completion => _connection.Completion;

    internal void Start() => _connection.Start(OnPacket, OnDecodeError);

    public MsgId NextMsgId() => _gateway.NextMsgId();

    public int NextSmscSequence() => _gateway.NextSmscSequence();

    /// <summary>Sends a request (DELIVER, ACTIVE_TEST, TERMINATE) with the next Sequence_Id, or a response as it is.</summary>
    public bool Send(Packet packet)
    {
        packet.Version = Version;
        if (!CommandId.IsResponse(packet.CommandId))
        {
            packet.SequenceId = Interlocked.Increment(ref _sequence);
        }
        return _connection.TrySend(packet);
    }

    /// <summary>Answers <paramref name="request"/> with <paramref name="response"/>, its Sequence_Id copied.</summary>
    public bool Reply(Packet request, Packet response)
    {
        response.SequenceId = request.SequenceId;
        return Send(response);
    }

    /// <summary>Delivers a status report as CMPP_DELIVER with Registered_Delivery 1.</summary>
    public bool SendReport(StatusReport report, string destId) => Send(Deliver.ForReport(report, destId, Version));

    /// <summary>Injects a mobile-originated message from <paramref name="phone"/> to the SP's number <paramref name="destId"/>.</summary>
    public bool SendMo(string phone, string destId, string text, byte msgFmt = MsgFmt.Ucs2) => Send(new Deliver
    {
        MsgId = NextMsgId().Value,
        DestId = destId,
        SrcTerminalId = phone,
        MsgFmt = msgFmt,
        MsgContent = CmppText.Encode(text, msgFmt),
    });

    /// <summary>Sends CMPP_TERMINATE, as a gateway going down for maintenance does.</summary>
    public bool SendTerminate() => Send(new Terminate());

    /// <summary>Drops the connection without a word, as a crashing gateway would.</summary>
    public void Abort() => _connection.Abort("aborted by the gateway");
}
