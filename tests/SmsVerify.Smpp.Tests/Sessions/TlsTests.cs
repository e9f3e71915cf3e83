using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Server;
using SmsVerify.Smpp.Tests.Support;
using Xunit.Abstractions;

namespace SmsVerify.Smpp.Tests.Sessions;

public class TlsTests(ITestOutputHelper output) : SessionTestBase(output)
{
    private static readonly X509Certificate2 Certificate = SelfSigned();

    /// <summary>
    /// A throwaway certificate for "localhost". Exported and loaded again as PKCS#12 because on Linux SslStream needs
    /// the private key in a form it can hand to OpenSSL, which an ephemeral key is not.
    /// </summary>
    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private Task<(SmppServer Server, Client.SmppClient Client)> StartTlsAsync(bool connect = true) =>
        StartAsync(new TestSmsc(), new SmppServerOptions { Certificate = Certificate }, o =>
        {
            o.UseTls = true;
            o.TlsTargetHost = "localhost";
            // Pinned: the test's own certificate, and no other.
            o.ValidateServerCertificate = (_, presented, _, _) => presented?.GetCertHashString() == Certificate.GetCertHashString();
        }, connect);

    [Fact]
    public async Task Client_OverTls_BindsAndSubmits()
    {
        var (_, client) = await StartTlsAsync();
        Assert.True(client.IsBound);
        Assert.Equal(CommandStatus.Ok, (await client.SubmitAsync(Message("over TLS")).Guarded()).CommandStatus);
    }

    [Fact]
    public async Task PlainTextClient_AgainstTlsListener_FailsToBind_AndTheListenerKeepsServing()
    {
        var (server, _) = await StartTlsAsync(connect: false);
        var plain = AddClient(server, o => o.ResponseTimeout = TimeSpan.FromSeconds(20));
        await Assert.ThrowsAnyAsync<IOException>(() => plain.ConnectAsync().Guarded());
        Assert.False(plain.IsBound);

        var tls = AddClient(server, o =>
        {
            o.UseTls = true;
            o.TlsTargetHost = "localhost";
            o.ValidateServerCertificate = (_, _, _, _) => true;
        });
        await tls.ConnectAsync().Guarded();
        Assert.Equal(CommandStatus.Ok, (await tls.SubmitAsync(Message("still serving")).Guarded()).CommandStatus);
    }

    [Fact]
    public async Task TlsClient_WithoutTrustInTheCertificate_FailsTheHandshake()
    {
        var (server, _) = await StartTlsAsync(connect: false);
        var untrusting = AddClient(server, o => o.UseTls = true);
        await Assert.ThrowsAnyAsync<System.Security.Authentication.AuthenticationException>(() => untrusting.ConnectAsync().Guarded());
    }

    [Fact]
    public async Task SilentPeer_IsClosedAfterTheHandshakeTimeout()
    {
        var options = new SmppServerOptions { Certificate = Certificate, TlsHandshakeTimeout = TimeSpan.FromMilliseconds(100) };
        var (server, _) = await StartAsync(new TestSmsc(), options, connect: false);
        using var silent = await RawPeer.ConnectAsync(server.EndPoint);
        Assert.Null(await silent.ReceiveAsync());
        Assert.Empty(server.Sessions);
    }
}
