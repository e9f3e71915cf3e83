using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Tencent;

/// <summary>AddSmsSign, DescribeSmsSignList and DeleteSmsSign through Tencent's SDK: the native signature review.</summary>
public sealed class TencentSignTests(TencentServer server) : IClassFixture<TencentServer>
{
    /// <summary>The same call again within the same second: TC3 signs no nonce, so it goes with the older scheme, which does.</summary>
    internal static readonly object RepeatOptions = new { signMethod = "HmacSHA256" };

    [VendorSdkFact]
    public async Task AddSmsSign_CompanyName_WaitsForReviewOnV1Signatures_ListedAndDeleted()
    {
        var added = TencentSendSmsTests.Ok(await server.CallAsync("AddSmsSign", new
        {
            SignName = Senders.SignatureName,
            SignType = 0,
            DocumentType = 0,
            International = 0,
            SignPurpose = 0,
            ProofImage = Convert.ToBase64String(Submissions.Jpeg),
            Remark = "公司全称",
        }));
        var id = added.GetProperty("AddSignStatus").GetProperty("SignId").GetInt64();

        var native = (await (await server.Sender.Http.GetAsync("/v1/signatures")).OkAsync()).EnumerateArray().Single(s => s.Str("extension") == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("pending_review", "company", Senders.SignatureName), (native.Str("status"), native.Str("source"), native.Str("name")));
        var listed = TencentSendSmsTests.Ok(await server.CallAsync("DescribeSmsSignList", new { SignIdSet = new[] { id }, International = 0 }));
        var status = Assert.Single(listed.GetProperty("DescribeSignListStatusSet").EnumerateArray());
        Assert.Equal((1, Senders.SignatureName), (status.Int("StatusCode"), status.Str("SignName")));

        var deleted = TencentSendSmsTests.Ok(await server.CallAsync("DeleteSmsSign", new { SignId = id }));
        Assert.Equal("return successfully", deleted.GetProperty("DeleteSignStatus").Str("DeleteStatus"));
        Assert.Equal("FailedOperation.SignIdNotExist", TencentSendSmsTests.Error(
            await server.CallAsync("DeleteSmsSign", new { SignId = id }, RepeatOptions)));
    }

    [VendorSdkFact]
    public async Task AddSmsSign_ForAnotherParty_OrATrademark_IsRefusedWithTheWayToDoIt()
    {
        foreach (var (signType, purpose) in new[] { (0, 1), (4, 0) })
        {
            var refused = await server.CallAsync("AddSmsSign", new
            {
                SignName = "别家公司",
                SignType = signType,
                DocumentType = 0,
                International = 0,
                SignPurpose = purpose,
                ProofImage = Convert.ToBase64String(Submissions.Jpeg),
            });

            Assert.Equal("UnsupportedOperation", TencentSendSmsTests.Error(refused));
        }
    }
}
