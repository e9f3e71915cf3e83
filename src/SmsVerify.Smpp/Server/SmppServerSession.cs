using System.Net;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Connection;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Server;

/// <summary>
/// The SMSC side of one connection: one switch from command_id to a handler method (SMPP v3.4 §2.3 states:
/// open → bound → unbound). Requests before a successful bind get ESME_RINVBNDSTS. Everything public here may be
/// called from any thread: a handler answers late, sends deliver_sm or closes from its own tasks.
/// </summary>
public sealed partial class SmppServerSession
{
    private readonly SmppConnection _connection;
    private readonly SmppServerOptions _options;
    private readonly SmppServerHandler _handler;
    private uint _sequence;

    internal SmppServerSession(SmppConnection connection, SmppServerOptions options, SmppServerHandler handler)
    {
        _connection = connection;
        _options = options;
        _handler = handler;
        // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d; allow-lists are written in plain IPv4.
        RemoteAddress = connection.RemoteEndPoint?.Address is { IsIPv4MappedToIPv6: true } mapped
            ? mapped.MapToIPv4() : connection.RemoteEndPoint?.Address;
    }

    public string Remote => _connection.Remote;

    /// <summary>The peer's address (IPv4-mapped addresses unmapped), for allow-lists and logs.</summary>
    public IPAddress? RemoteAddress { get; }

    /// <summary>How the ESME bound; null before a successful bind and after unbind.</summary>
    public BindMode? Mode { get; private set; }

    /// <summary>The system_id of the successful bind.</summary>
    public string? SystemId { get; private set; }

    /// <summary>True from a successful bind until unbind or the connection closing, whichever comes first.</summary>
    public bool IsBound => Mode is not null && !_connection.Closed.IsCancellationRequested;

    /// <summary>Whatever the handler keeps for this session (the account the bind belongs to, say); never read here.</summary>
    public object? State { get; set; }

    public Task Completion => _connection.Completion;

    internal void Start() => _connection.Start(OnPdu, OnDecodeError);

    /// <summary>Sends a request (deliver_sm, say) with the next sequence_number, or a response as it is.</summary>
    public bool Send(Pdu pdu)
    {
        if (!CommandId.IsResponse(pdu.CommandId))
        {
            pdu.SequenceNumber = NextSequence();
        }
        return _connection.TrySend(pdu);
    }

    /// <summary>
    /// Answers <paramref name="request"/> with <paramref name="response"/> (its sequence_number copied): for a
    /// handler that returned null from OnSubmitSm or OnDataSm and answers later, from any task. False once the
    /// connection is closing, when the answer can no longer be sent.
    /// </summary>
    public bool Reply(Pdu request, Pdu response)
    {
        response.SequenceNumber = request.SequenceNumber;
        return _connection.TrySend(response);
    }

    /// <summary>Sends what is already queued (a last response, say), then closes; does not wait.</summary>
    public void Close(string reason) => _ = _connection.CloseAfterFlushAsync(reason, TimeSpan.FromSeconds(5));

    /// <summary>Drops the connection without a word, as a crashing SMSC would.</summary>
    public void Abort() => _connection.Abort("aborted by the server");

    // sequence_number runs 1..0x7FFFFFFF (SMPP v3.4 §3.2); 0 is never used, so a wrap skips it.
    private uint NextSequence()
    {
        var next = Interlocked.Increment(ref _sequence) & 0x7FFFFFFF;
        return next == 0 ? NextSequence() : next;
    }

    private void Answer(Pdu request, Pdu? response)
    {
        if (response is not null)
        {
            Reply(request, response);
        }
    }
}
