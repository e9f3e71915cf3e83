using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Alibaba;

/// <summary>A live sender with an Alibaba credential made through the API, and the SDK commands it runs.</summary>
internal sealed record AlibabaSender(LiveSender Live, string KeyId, string Secret, string Endpoint)
{
    public static async Task<AlibabaSender> CreateAsync(AlibabaServer server)
    {
        var live = await server.App.CreateLiveSenderAsync();
        await server.App.TopUpAsync(live.Tenant.Id, 100m);
        var credential = await (await live.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "alibaba" })).OkAsync(HttpStatusCode.Created);
        return new AlibabaSender(live, credential.Str("keyId"), credential.Str("secret"), server.Endpoint);
    }

    public Task<JsonElement> RunAsync(string call, object parameters, object? options = null) =>
        VendorSdk.RunAsync(VendorSdk.Alibaba, new
        {
            endpoint = Endpoint,
            credentials = new { accessKeyId = KeyId, accessKeySecret = Secret },
            options = options ?? new { },
            call,
            @params = parameters,
        });

    public Task<JsonElement> SendSmsAsync(string phone, string templateParam, object? options = null, string? template = null, string? outId = null) =>
        RunAsync("SendSms", new
        {
            phoneNumbers = phone,
            signName = Live.Signature,
            templateCode = template ?? Live.Template,
            templateParam,
            outId,
        }, options);

    /// <summary>A valid mobile number no other test uses (the platform counts codes per number across tenants).</summary>
    public static string NewPhone() => "138" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>Every combination the SDKs offer: both generations, each with ACS3 and with the RPC HMAC-SHA1 signature.</summary>
    public static IEnumerable<Dictionary<string, object?>> Schemes(params (string Name, object? Value)[] extra)
    {
        foreach (var generation in new[] { "current", "legacy" })
        {
            foreach (var algorithm in new[] { null, "v2" })
            {
                var options = new Dictionary<string, object?> { ["generation"] = generation };
                if (algorithm is not null)
                {
                    options["signatureAlgorithm"] = algorithm;
                }
                foreach (var (name, value) in extra)
                {
                    options[name] = value;
                }
                yield return options;
            }
        }
    }
}
