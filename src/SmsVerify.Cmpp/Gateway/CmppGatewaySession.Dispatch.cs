using Microsoft.Extensions.Logging;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Gateway;

public sealed partial class CmppGatewaySession
{
    /// <summary>One switch from Command_Id to its handling, on the read loop. Anything but CONNECT before a login closes the link.</summary>
    private ValueTask OnPacket(Packet packet)
    {
        if (packet is Connect connect)
        {
            OnConnect(connect);
            return ValueTask.CompletedTask;
        }
        if (SpId is null)
        {
            _connection.Abort($"{packet} before CMPP_CONNECT");
            return ValueTask.CompletedTask;
        }
        var handler = _gateway.Handler;
        switch (packet)
        {
            case Submit submit:
                if (handler.OnSubmit(this, submit) is { } response)
                {
                    Reply(submit, response);
                    handler.OnSubmitAnswered(this, submit, response);
                }
                break;
            case DeliverResp deliverResp:
                handler.OnDeliverResp(this, deliverResp);
                break;
            case ActiveTest when handler.OnActiveTest(this):
                Reply(packet, new ActiveTestResp());
                break;
            case Query query:
                Reply(query, handler.OnQuery(this, query));
                break;
            case Cancel cancel:
                Reply(cancel, handler.OnCancel(this, cancel));
                break;
            case Terminate:
                Reply(packet, new TerminateResp());
                handler.OnTerminated(this);
                _ = _connection.CloseAfterFlushAsync("terminated by the SP", TimeSpan.FromSeconds(5));
                break;
            case TerminateResp:
                _ = _connection.CloseAfterFlushAsync("terminate answered", TimeSpan.FromSeconds(5));
                break;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// CMPP_CONNECT (§7.4.1): an unknown SP_Id is Status 2, a wrong AuthenticatorSource 3, a version above the
    /// gateway's 4. On success AuthenticatorISMG proves the gateway knows the secret too; on failure it is zeros.
    /// </summary>
    private void OnConnect(Connect connect)
    {
        var version = connect.VersionOctet >= (byte)CmppVersion.V30 ? CmppVersion.V30 : CmppVersion.V20;
        _connection.Version = version;
        var status = ConnectStatus.Ok;
        if (SpId is not null || !Options.Accounts.TryGetValue(connect.SourceAddr, out var secret))
        {
            status = ConnectStatus.InvalidSourceAddress;
            secret = "";
        }
        else if (connect.VersionOctet > (byte)Options.HighestVersion)
        {
            status = ConnectStatus.VersionTooHigh;
        }
        else if (!Authenticator.Source(connect.SourceAddr, secret, connect.Timestamp).AsSpan().SequenceEqual(connect.AuthenticatorSource))
        {
            status = ConnectStatus.AuthenticationFailed;
        }
        Reply(connect, new ConnectResp
        {
            Status = status,
            AuthenticatorIsmg = status == ConnectStatus.Ok ? Authenticator.Ismg(status, connect.AuthenticatorSource, secret, version) : new byte[16],
            ServerVersion = (byte)Options.HighestVersion,
        });
        if (status == ConnectStatus.Ok)
        {
            SpId = connect.SourceAddr;
        }
        else
        {
            Log.LoginRefused(_gateway.Logger, Remote, connect.SourceAddr, ConnectStatus.Name(status));
            _ = _connection.CloseAfterFlushAsync("login refused", TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>A SUBMIT that does not decode is answered with Result 1 (message structure error); the link stays up.</summary>
    private void OnDecodeError(CmppDecodeException error)
    {
        if (error.Header is { CommandId: CommandId.Submit } header)
        {
            Send(new SubmitResp { SequenceId = header.SequenceId, Result = SubmitResult.InvalidStructure });
        }
    }

    private static partial class Log
    {
        [LoggerMessage(41, LogLevel.Information, "CMPP gateway refused the login of {SourceAddr} from {Remote}: {Reason}")]
        public static partial void LoginRefused(ILogger logger, string remote, string sourceAddr, string reason);
    }
}
