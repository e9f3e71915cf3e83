using Microsoft.Extensions.Logging;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Client;

internal sealed partial class CmppLink
{
    /// <summary>
    /// CMPP_CONNECT with AuthenticatorSource from the clock's time in Beijing (<see cref="ChinaTime"/>, the time an
    /// ISMG checks), then the ISMG's answer: a Status other than 0 fails the login, and AuthenticatorISMG is checked as
    /// <see cref="CmppClientOptions.RequireIsmgAuthenticator"/> says.
    /// </summary>
    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        var now = ChinaTime.Now(_options.TimeProvider);
        var connect = Connect.Create(_options.SourceAddr, _options.SharedSecret, now, _options.Version);
        var response = (ConnectResp)await RequestWithTimeoutAsync(connect, cancellationToken).ConfigureAwait(false);
        if (response.Status != ConnectStatus.Ok)
        {
            throw CmppConnectException.Refused(response.Status);
        }
        if (!IsmgKnowsTheSecret(response, connect.AuthenticatorSource))
        {
            if (_options.RequireIsmgAuthenticator)
            {
                throw new CmppConnectException(ConnectStatus.AuthenticationFailed,
                    "CMPP_CONNECT_RESP carries an AuthenticatorISMG that does not match the shared secret");
            }
            Log.IsmgAuthenticatorMismatch(_logger, _options.Host, _options.Port);
        }
        if (response.Version != _options.Version)
        {
            Log.VersionDiffers(_logger, _options.Host, _options.Port, response.ServerVersion);
        }
        IsLoggedIn = true;
        Log.LoggedIn(_logger, _options.Host, _options.Port, _options.SourceAddr, (byte)_options.Version);
    }

    /// <summary>
    /// The digest hashes Status in the width of the response (one octet in 2.0, four in 3.0), but 3.0 gateway code
    /// carried over from 2.0 hashes one octet (bigwhite/gocmpp's example login handler is written so). Either proves
    /// the gateway holds the shared secret, so either is accepted.
    /// </summary>
    private bool IsmgKnowsTheSecret(ConnectResp response, byte[] authenticatorSource) =>
        Enum.GetValues<CmppVersion>().Any(width =>
            Authenticator.Ismg(response.Status, authenticatorSource, _options.SharedSecret, width).AsSpan().SequenceEqual(response.AuthenticatorIsmg));
}
