using Microsoft.Extensions.Logging;
using SmsVerify.Cmpp.Codec;
using SmsVerify.Cmpp.Packets;

namespace SmsVerify.Cmpp.Client;

internal sealed partial class CmppLink
{
    /// <summary>
    /// CMPP_CONNECT with AuthenticatorSource from the clock's time, then the ISMG's answer: a Status other than 0
    /// fails the login, and AuthenticatorISMG is checked as <see cref="CmppClientOptions.RequireIsmgAuthenticator"/> says.
    /// </summary>
    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetLocalNow().DateTime;
        var connect = Connect.Create(_options.SourceAddr, _options.SharedSecret, now, _options.Version);
        var response = (ConnectResp)await RequestWithTimeoutAsync(connect, cancellationToken).ConfigureAwait(false);
        if (response.Status != ConnectStatus.Ok)
        {
            throw CmppConnectException.Refused(response.Status);
        }
        // The Status width in the digest follows the response as it came (18-octet body: one octet).
        var expected = Authenticator.Ismg(response.Status, connect.AuthenticatorSource, _options.SharedSecret, response.Version);
        if (!expected.AsSpan().SequenceEqual(response.AuthenticatorIsmg))
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
}
