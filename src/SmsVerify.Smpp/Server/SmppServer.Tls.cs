using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using SmsVerify.Smpp.Connection;

namespace SmsVerify.Smpp.Server;

public sealed partial class SmppServer
{
    private readonly ConcurrentDictionary<Task, byte> _handshakes = new();

    private void Track(Task handshake)
    {
        _handshakes[handshake] = 0;
        _ = handshake.ContinueWith(t => _handshakes.TryRemove(t, out byte _), TaskScheduler.Default);
    }

    /// <summary>
    /// TLS 1.2 or 1.3 as the server, then the session. A failure (a plain-text peer, an old protocol, silence past
    /// the timeout) closes this socket alone and is logged at debug: it is the peer's problem, not the listener's.
    /// </summary>
    private async Task AcceptTlsAsync(Socket socket)
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_options.TlsHandshakeTimeout);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _options.Certificate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateRequired = false,
            }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException
            or SocketException or ObjectDisposedException)
        {
            Log.HandshakeFailed(_logger, remote, e.Message);
            Discard(tls, socket);
            return;
        }
        if (_stopping.IsCancellationRequested)
        {
            Discard(tls, socket);
            return;
        }
        Run(new SmppConnection(socket, tls, _options.MaxPduLength, _logger));
    }

    private static void Discard(SslStream tls, Socket socket)
    {
        socket.Close(); // first, so disposing the stream has no peer left to say goodbye to
        try
        {
            tls.Dispose();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
