using System.Net;
using System.Net.Sockets;

namespace SmsVerify.Server.Tests.Support;

/// <summary>Loopback ports for servers that must be told their port rather than bind port 0.</summary>
public static class FreePorts
{
    /// <summary>
    /// Distinct free loopback ports, all held until every one is picked: taken one at a time, the kernel may hand the
    /// same port out twice. A port could still be taken before the server binds it; rarely, so a failed start says so.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
