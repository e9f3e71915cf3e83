using System.Net;
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
    public static SmppClient SmppClient(this SmsVerifyApp app, string systemId, string password, BindMode mode = BindMode.Transceiver) =>
        new(new SmppClientOptions
        {
            Host = "127.0.0.1",
            Port = app.Services.GetRequiredService<SmppListener>().EndPoint!.Port,
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
