using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.SmppGateway;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Smpp.Client;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.Tests.SmppGateway;

/// <summary>A tenant's gateway as the tests play it: an SMPP account, and the library's own client bound to the listener.</summary>
internal static class SmppGateways
{
    public static async Task<(string SystemId, string Password)> CreateSmppAccountAsync(this TestTenant tenant, object? settings = null)
    {
        var systemId = "gw" + Guid.NewGuid().ToString("N")[..10];
        var body = System.Text.Json.JsonSerializer.SerializeToNode(settings ?? new { })!.AsObject();
        body["systemId"] = systemId;
        var created = await (await tenant.Http.PostAsync("/v1/smpp/accounts",
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).OkAsync(HttpStatusCode.Created);
        return (systemId, created.Str("password"));
    }

    /// <summary>A client for the listener, not yet connected; it retries nothing, so every answer is seen as it came.</summary>
    public static SmppClient SmppClient(this SmsVerifyApp app, string systemId, string password, BindMode mode = BindMode.Transceiver, bool tls = false) =>
        new(new SmppClientOptions
        {
            Host = "127.0.0.1",
            Port = tls ? app.Services.GetRequiredService<SmppListener>().TlsEndPoint!.Port : app.Services.GetRequiredService<SmppListener>().EndPoint!.Port,
            UseTls = tls,
            TlsTargetHost = "localhost",
            // The test's own self-signed certificate: trusted by its thumbprint, not by a chain.
            ValidateServerCertificate = (_, certificate, _, _) => certificate?.GetCertHashString() == TestCertificate.Value.GetCertHashString(),
            SystemId = systemId,
            Password = password,
            BindMode = mode,
            Window = 50,
            MaxTransientRetries = 0,
            // Failure guards, not expectations: generous so a loaded CI machine does not trip them.
            ResponseTimeout = TimeSpan.FromSeconds(30),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        });

    /// <summary>A self-signed certificate for localhost, and the PKCS#12 file the listener loads it from.</summary>
    public static readonly Lazy<X509Certificate2> TestCertificate = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx, "test"), "test");
    });

    public static string TestCertificateFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"smsverify-smpp-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, TestCertificate.Value.Export(X509ContentType.Pfx, "test"));
        return path;
    }

    /// <summary>A submit_sm in UCS-2, as gateways send Chinese text, asking for a receipt.</summary>
    public static SubmitSm Chinese(string to, string text, string from = "10690001") => new()
    {
        SourceAddr = from,
        DestinationAddr = to,
        DestAddrTon = 1,
        DataCoding = DataCoding.Ucs2,
        RegisteredDelivery = 1,
        ShortMessage = Ucs2.Encode(text),
    };
}
