using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Alibaba;

/// <summary>AddSmsSign and DeleteSmsSign through Alibaba's SDKs: the native signature review, in Alibaba's shapes.</summary>
public sealed class AlibabaSignSubmissionTests(AlibabaServer server) : IClassFixture<AlibabaServer>
{
    [VendorSdkFact]
    public async Task AddSmsSign_CompanyName_WaitsForReviewOnV1Signatures_QueriedAndDeleted()
    {
        var sender = await AlibabaSender.CreateAsync(server);
        foreach (var generation in new[] { "current", "legacy" })
        {
            var options = new { generation };
            var added = AlibabaSendSmsTests.Body(await sender.RunAsync("AddSmsSign", new
            {
                signName = Senders.SignatureName,
                signSource = 0,
                signType = 1,
                remark = "公司全称",
                signFileList = new[] { new { fileContents = Convert.ToBase64String(Submissions.Jpeg), fileSuffix = "jpg" } },
            }, options));
            Assert.Equal(("OK", Senders.SignatureName), (added.Str("code"), added.Str("signName")));

            var native = (await (await sender.Live.Http.GetAsync("/v1/signatures")).OkAsync()).EnumerateArray().Last();
            Assert.Equal(("pending_review", "company"), (native.Str("status"), native.Str("source")));
            var queried = AlibabaSendSmsTests.Body(await sender.RunAsync("QuerySmsSign", new { signName = Senders.SignatureName }, options));
            Assert.Equal(0, queried.Int("signStatus"));

            var deleted = AlibabaSendSmsTests.Body(await sender.RunAsync("DeleteSmsSign", new { signName = Senders.SignatureName }, options));
            Assert.Equal("OK", deleted.Str("code"));
            Assert.Single((await (await sender.Live.Http.GetAsync("/v1/signatures")).OkAsync()).EnumerateArray());
        }
        var store = AlibabaSendSmsTests.Body(await sender.RunAsync("AddSmsSign", new { signName = "某某旗舰店", signSource = 5, remark = "x" }));
        Assert.Equal("isv.INVALID_PARAMETERS", store.Str("code"));
    }
}
