using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// The SMPP ports tenants' gateways bind to: plain SMPP and, with a certificate configured, SMPP over TLS. On
/// shutdown every bind is sent an unbind (and closed after its answer, or five seconds), so gateways reconnect
/// elsewhere rather than wait for a dead link to time out.
/// </summary>
public sealed partial class SmppListener(IServiceProvider services, IOptions<SmppListenerOptions> options, ILogger<SmppListener> logger) : IHostedService
{
    // Replaced whole, never changed in place: the dispatcher reads it while the host starts and stops the listener.
    private SmppServer[] _servers = [];

    /// <summary>Where plain SMPP listens, once started (the real port when 0 was configured); null when off.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>Where SMPP over TLS listens; null without a certificate.</summary>
    public IPEndPoint? TlsEndPoint { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return Task.CompletedTask;
        }
        // Resolved here, not injected: the handler's parts count this listener's binds.
        var handler = services.GetRequiredService<GatewayHandler>();
        var serverLogger = services.GetRequiredService<ILogger<SmppServer>>();
        var address = IPAddress.Parse(o.Address);
        EndPoint = Start(Settings(o, new(address, o.Port)), handler, serverLogger);
        if (o.CertificatePath is { } path)
        {
            var certificate = LoadCertificate(path, o.CertificatePassword);
            var tls = Settings(o, new(address, o.TlsPort));
            tls.Certificate = certificate;
            TlsEndPoint = Start(tls, handler, serverLogger);
        }
        Log.Listening(logger, EndPoint, TlsEndPoint);
        return Task.CompletedTask;
    }

    private static SmppServerOptions Settings(SmppListenerOptions o, IPEndPoint endPoint) => new()
    {
        EndPoint = endPoint,
        SystemId = o.SystemId,
        BindTimeout = o.BindTimeout,
        MaxConnections = o.MaxConnections,
    };

    private IPEndPoint Start(SmppServerOptions serverOptions, GatewayHandler handler, ILogger<SmppServer> serverLogger)
    {
        var server = new SmppServer(serverOptions, handler, serverLogger).Start();
        _servers = [.. _servers, server];
        return server.EndPoint;
    }

    /// <summary>A PKCS#12 file (.pfx, .p12) with its password, or a PEM file holding the certificate and its private key.</summary>
    private static X509Certificate2 LoadCertificate(string path, string? password) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12"
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
            : X509Certificate2.CreateFromPemFile(path);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Binds().Select(b => b.Session.UnbindAsync(TimeSpan.FromSeconds(5))));
        // Taken once: a second stop (the host's and the test host's) finds nothing left to close.
        foreach (var server in Interlocked.Exchange(ref _servers, []))
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>The bound sessions of tenants' accounts on this node.</summary>
    internal IEnumerable<(SmppServerSession Session, GatewayBind Bind)> Binds()
    {
        foreach (var server in _servers)
        {
            foreach (var session in server.Sessions)
            {
                if (session.IsBound && session.State is GatewayBind bind)
                {
                    yield return (session, bind);
                }
            }
        }
    }

    /// <summary>How many binds the account holds on this node.</summary>
    public int BindsOf(Guid accountId) => Binds().Count(b => b.Bind.Account.Id == accountId);

    /// <summary>Unbinds the account's binds (its password changed, or it was deleted).</summary>
    public Task CloseBindsAsync(Guid accountId) =>
        Task.WhenAll(Binds().Where(b => b.Bind.Account.Id == accountId).Select(b => b.Session.UnbindAsync(TimeSpan.FromSeconds(5))));

    /// <summary>Closes the account's binds from addresses its changed list no longer allows.</summary>
    public void CloseDisallowed(Guid accountId, IPNetwork[] ranges)
    {
        foreach (var (session, _) in Binds().Where(b => b.Bind.Account.Id == accountId))
        {
            if (!AddressRanges.Allows(ranges, session.RemoteAddress ?? IPAddress.None))
            {
                _ = session.UnbindAsync(TimeSpan.FromSeconds(5));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Information, "SMPP listener on {EndPoint}, TLS on {TlsEndPoint}")]
        public static partial void Listening(ILogger logger, IPEndPoint? endPoint, IPEndPoint? tlsEndPoint);
    }
}
