using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Alibaba;

/// <summary>
/// A hand-written RPC client, as many apps have: the parameters in an <c>application/x-www-form-urlencoded</c> POST
/// body, signed with HMAC-SHA1 as Alibaba's RPC signature docs describe (the signer here is the docs', not the server's).
/// </summary>
public sealed class AlibabaFormClientTests(AlibabaServer server) : IClassFixture<AlibabaServer>
{
    [VendorSdkFact]
    public async Task FormBody_SignedWithHmacSha1_Sends_AndItsReplayIsRefused()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = "SendSms",
            ["Version"] = "2017-05-25",
            ["Format"] = "JSON",
            ["AccessKeyId"] = sender.KeyId,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureVersion"] = "1.0",
            ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["Timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["PhoneNumbers"] = AlibabaSender.NewPhone(),
            ["SignName"] = sender.Live.Signature,
            ["TemplateCode"] = sender.Live.Template,
            ["TemplateParam"] = """{"code":"5521"}""",
            ["OutId"] = "订单 (1) *~!'",
        };
        var canonical = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var stringToSign = "POST&%2F&" + Uri.EscapeDataString(canonical);
        parameters["Signature"] = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(sender.Secret + "&"), Encoding.UTF8.GetBytes(stringToSign)));
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.Endpoint}") };

        var sent = await (await http.PostAsync("/", new FormUrlEncodedContent(parameters))).OkAsync();
        var replayed = await http.PostAsync("/", new FormUrlEncodedContent(parameters));

        Assert.Equal("OK", sent.Str("Code"));
        Assert.EndsWith("^0", sent.Str("BizId"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal("SignatureNonceUsed", (await replayed.JsonAsync()).Str("Code"));
    }
}
