using Microsoft.Extensions.Options;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Serving;

/// <summary>A server whose vendor ports or Twilio prefix cannot work refuses to start, saying which setting is wrong.</summary>
public sealed class CompatOptionsTests
{
    [Theory]
    [InlineData("Compat:Alibaba:Port", "9001", "Compat:Tencent:Port", "9001")]
    [InlineData("Compat:Twilio:Port", "70000", "Compat:Alibaba:OnMainPort", "true")]
    [InlineData("Compat:Twilio:PathPrefix", "twilio", "Compat:Alibaba:OnMainPort", "true")]
    [InlineData("Compat:Twilio:PathPrefix", "/twilio/../v1", "Compat:Alibaba:OnMainPort", "true")]
    public async Task BadSetting_ServerDoesNotStart(string key, string value, string otherKey, string otherValue)
    {
        await using var app = await SmsVerifyApp.StartAsync(new() { [key] = value, [otherKey] = otherValue });

        var refused = Assert.Throws<OptionsValidationException>(() => app.Anonymous());

        Assert.Contains("Compat:", refused.Message, StringComparison.Ordinal);
    }
}
