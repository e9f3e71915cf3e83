using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Connection;
using SmsVerify.Smpp.Pdus;

namespace SmsVerify.Smpp.Server;

/// <summary>
/// The SMSC side of one connection: one switch from command_id to a handler method (SMPP v3.4 §2.3 states:
/// open → bound → unbound). Requests before a successful bind get ESME_RINVBNDSTS.
/// </summary>
public sealed class SmppServerSession
{
    private readonly SmppConnection _connection;
    private readonly SmppServerOptions _options;
    private readonly SmppServerHandler _handler;
    private uint _sequence;

    internal SmppServerSession(Socket socket, SmppServerOptions options, SmppServerHandler handler, ILogger logger)
    {
        _connection = new SmppConnection(socket, options.MaxPduLength, logger);
        _options = options;
        _handler = handler;
    }

    public string Remote => _connection.Remote;
    public BindMode? Mode { get; private set; }
    public string? SystemId { get; private set; }
    public bool IsBound => Mode is not null;
    public Task Completion => _connection.Completion;

    internal void Start() => _connection.Start(pdu =>
    {
        OnPdu(pdu);
        return ValueTask.CompletedTask;
    }, OnDecodeError);

    /// <summary>Sends a request (deliver_sm, say) with the next sequence_number, or a response as it is.</summary>
    public bool Send(Pdu pdu)
    {
        if (!CommandId.IsResponse(pdu.CommandId))
        {
            pdu.SequenceNumber = Interlocked.Increment(ref _sequence) & 0x7FFFFFFF;
        }
        return _connection.TrySend(pdu);
    }

    /// <summary>Drops the connection without a word, as a crashing SMSC would.</summary>
    public void Abort() => _connection.Abort("aborted by the server");

    private void OnPdu(Pdu pdu)
    {
        switch (pdu.CommandId)
        {
            case CommandId.BindTransmitter or CommandId.BindReceiver or CommandId.BindTransceiver:
                OnBind((Bind)pdu);
                break;
            case CommandId.SubmitSm when Bound(pdu):
                OnSubmitSm((SubmitSm)pdu);
                break;
            case CommandId.DataSm when Bound(pdu):
                Reply(pdu, _handler.OnDataSm(this, (DataSm)pdu));
                break;
            case CommandId.QuerySm when Bound(pdu):
                Reply(pdu, _handler.OnQuerySm(this, (QuerySm)pdu));
                break;
            case CommandId.EnquireLink:
                if (_handler.OnEnquireLink(this))
                {
                    Reply(pdu, new EnquireLinkResp());
                }
                break;
            case CommandId.DeliverSmResp:
                _handler.OnDeliverSmResp(this, (DeliverSmResp)pdu);
                break;
            case CommandId.Unbind:
                Reply(pdu, new UnbindResp());
                Mode = null;
                _handler.OnUnbound(this);
                _ = _connection.CloseAfterFlushAsync("unbound by the ESME", TimeSpan.FromSeconds(5));
                break;
            case CommandId.SubmitSm or CommandId.DataSm or CommandId.QuerySm:
                break; // answered by Bound()
            default:
                if (!CommandId.IsResponse(pdu.CommandId))
                {
                    Reply(pdu, new GenericNack { CommandStatus = CommandStatus.InvalidCommandId });
                }
                break;
        }
    }

    private void OnSubmitSm(SubmitSm submit)
    {
        if (_handler.OnSubmitSm(this, submit) is { } response)
        {
            Reply(submit, response);
            _handler.OnSubmitSmAnswered(this, submit, response);
        }
    }

    private void OnBind(Bind bind)
    {
        if (IsBound)
        {
            Reply(bind, new BindResp { Mode = bind.Mode, CommandStatus = CommandStatus.AlreadyBound });
            return;
        }
        var status = _handler.OnBind(this, bind);
        if (status == CommandStatus.Ok)
        {
            Mode = bind.Mode;
            SystemId = bind.SystemId;
        }
        Reply(bind, new BindResp { Mode = bind.Mode, CommandStatus = status, SystemId = _options.SystemId });
    }

    private bool Bound(Pdu request)
    {
        if (IsBound)
        {
            return true;
        }
        Reply(request, new GenericNack { CommandStatus = CommandStatus.IncorrectBindStatus });
        return false;
    }

    private void Reply(Pdu request, Pdu? response)
    {
        if (response is not null)
        {
            response.SequenceNumber = request.SequenceNumber;
            _connection.TrySend(response);
        }
    }

    private void OnDecodeError(SmppDecodeException error)
    {
        if (error.Header is { } header && CommandId.IsResponse(header.CommandId))
        {
            return; // a broken deliver_sm_resp: nothing to answer
        }
        _connection.TrySend(new GenericNack { CommandStatus = error.CommandStatus, SequenceNumber = error.Header?.SequenceNumber ?? 0 });
    }
}
