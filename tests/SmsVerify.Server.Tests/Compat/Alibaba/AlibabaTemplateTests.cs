using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Alibaba;

/// <summary>QuerySmsTemplate and QuerySmsSign through the SDKs: the native review status in Alibaba's encoding.</summary>
public sealed class AlibabaTemplateTests(AlibabaServer server) : IClassFixture<AlibabaServer>
{
    [VendorSdkFact]
    public async Task QuerySmsTemplate_And_QuerySmsSign_ShowTheApprovedOnes()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        foreach (var generation in new[] { "current", "legacy" })
        {
            var options = new { generation };

            var template = AlibabaSendSmsTests.Body(await sender.RunAsync("QuerySmsTemplate", new { templateCode = sender.Live.Template }, options));
            var sign = AlibabaSendSmsTests.Body(await sender.RunAsync("QuerySmsSign", new { signName = sender.Live.Signature }, options));
            var unknown = AlibabaSendSmsTests.Body(await sender.RunAsync("QuerySmsTemplate", new { templateCode = "SMS_1" }, options));

            Assert.Equal(("OK", sender.Live.Template, 1, 0), (template.Str("code"), template.Str("templateCode"), template.Int("templateStatus"), template.Int("templateType")));
            Assert.Contains("${code}", template.Str("templateContent"), StringComparison.Ordinal);
            Assert.Equal(("OK", sender.Live.Signature, 1), (sign.Str("code"), sign.Str("signName"), sign.Int("signStatus")));
            Assert.Equal("isv.SMS_TEMPLATE_ILLEGAL", unknown.Str("code"));
        }
    }
}
