using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace SmsVerify.Smpp.Client;

internal sealed partial class ClientLink
{
    /// <summary>
    /// TLS 1.2 or 1.3 over the connected socket, for SMSCs that offer SMPP over TLS. The certificate is checked
    /// against <see cref="SmppClientOptions.TlsTargetHost"/> (or the host) unless the options bring their own check.
    /// </summary>
    private static async Task<SslStream> AuthenticateAsync(Socket socket, SmppClientOptions options, CancellationToken cancellationToken)
    {
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = options.TlsTargetHost ?? options.Host,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = options.ValidateServerCertificate,
            }, timeout.Token).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            socket.Dispose();
            await tls.DisposeAsync().AsTask().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }
}
