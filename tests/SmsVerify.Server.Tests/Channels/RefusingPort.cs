using System.Net;
using System.Net.Sockets;

namespace SmsVerify.Server.Tests.Channels;

/// <summary>
/// A loopback port nothing listens on, a carrier that is down: connections to it are refused. It stays bound until
/// disposed, so while a test relies on it no other test's server can be given it (a released port could be, and the
/// "down" carrier would then answer).
/// </summary>
internal sealed class RefusingPort : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
