using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Verification;

public sealed class VerificationsApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Phone = "+8613812345678";

    private async Task<TestTenant> TenantWithNumberAsync()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(Phone);
        return tenant;
    }

    [Fact]
    public async Task Start_ToANumberThatIsNotATestNumber_Is403()
    {
        var tenant = await TenantWithNumberAsync();
        await (await tenant.StartAsync("13900001111")).ProblemAsync(HttpStatusCode.Forbidden, "sandbox_number_required");
    }

    [Fact]
    public async Task Start_InvalidPhone_Is400()
    {
        var tenant = await TenantWithNumberAsync();
        await (await tenant.StartAsync("555")).ProblemAsync(HttpStatusCode.BadRequest, "invalid_phone");
    }

    [Fact]
    public async Task Start_NamingTheBuiltInSandboxSignatureAndTemplate_SendsLikeNamingNone()
    {
        var tenant = await TenantWithNumberAsync();
        var started = await (await tenant.Http.PostJsonAsync("/v1/verifications",
            new { to = Phone, signature = "SmsVerify", template = "SMS_SANDBOX_VERIFY" })).OkAsync(HttpStatusCode.Created);

        var text = (await tenant.InboxAsync(Phone))[0].Str("text");
        Assert.StartsWith("【SmsVerify】验证码 " + await tenant.LatestCodeAsync(Phone), text);
        await (await tenant.CheckAsync(started.Str("id"), await tenant.LatestCodeAsync(Phone))).OkAsync();
        // The built-in template has no variables of its own, and a real number still needs the tenant's own.
        await (await tenant.Http.PostJsonAsync("/v1/verifications",
            new { to = "+8613812340000", signature = "SmsVerify", template = "SMS_SANDBOX_VERIFY" })).ProblemAsync(HttpStatusCode.Forbidden, "sandbox_number_required");
    }

    [Theory]
    [InlineData("ext1")]
    [InlineData("#1")]
    [InlineData("abc")]
    public async Task Start_ToATestNumberWithSomethingAfterIt_Is400_NotSentToTheNumber(string tail)
    {
        var tenant = await TenantWithNumberAsync();
        await (await tenant.StartAsync(Phone + tail)).ProblemAsync(HttpStatusCode.BadRequest, "invalid_phone");
        Assert.Equal(0, (await tenant.InboxAsync(Phone)).GetArrayLength());
    }

    [Theory]
    [InlineData(3, null, "codeLength")]
    [InlineData(9, null, "codeLength")]
    [InlineData(null, 59, "ttlSeconds")]
    [InlineData(null, 1801, "ttlSeconds")]
    public async Task Start_OutOfRangeOption_Is400NamingIt(int? codeLength, int? ttlSeconds, string field)
    {
        var tenant = await TenantWithNumberAsync();
        var problem = await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Phone, codeLength, ttlSeconds }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(field, problem.Str("field"));
        Assert.Equal(0, (await tenant.InboxAsync(Phone)).GetArrayLength());
    }

    [Fact]
    public async Task Start_UnknownSignatureOrTemplate_Is422()
    {
        var tenant = await TenantWithNumberAsync();
        await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Phone, signature = "Acme", template = "SMS_1" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "signature_not_found");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public async Task Start_CodeLength_IsHonouredAndTtlSetsExpiry(int codeLength)
    {
        var tenant = await TenantWithNumberAsync();
        var started = await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Phone, codeLength, ttlSeconds = 600 }))
            .OkAsync(HttpStatusCode.Created);
        Assert.Equal(codeLength, (await tenant.LatestCodeAsync(Phone)).Length);
        var validFor = started.GetProperty("expiresAt").GetDateTime() - started.GetProperty("createdAt").GetDateTime();
        Assert.Equal(TimeSpan.FromSeconds(600), validFor);
        Assert.Contains("10 分钟", (await tenant.InboxAsync(Phone))[0].Str("text"));
    }

    [Fact]
    public async Task Start_AgainWithinCooldown_Is429ResendTooSoonWithRetryAfter()
    {
        var tenant = await TenantWithNumberAsync();
        await tenant.StartOkAsync(Phone);
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        var response = await tenant.StartAsync(Phone);
        await response.ProblemAsync(HttpStatusCode.TooManyRequests, "resend_too_soon");
        Assert.Equal(TimeSpan.FromSeconds(40), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, (await tenant.InboxAsync(Phone)).GetArrayLength());
    }

    [Fact]
    public async Task Start_AgainAfterCooldown_ResendsTheSameCode()
    {
        var tenant = await TenantWithNumberAsync();
        var first = await tenant.StartOkAsync(Phone);
        var code = await tenant.LatestCodeAsync(Phone);
        app.Clock.Advance(TimeSpan.FromSeconds(60));

        var again = await tenant.StartOkAsync(Phone);
        Assert.Equal(first.Str("id"), again.Str("id"));
        Assert.Equal(2, again.Int("sendCount"));
        Assert.Equal(first.Str("expiresAt"), again.Str("expiresAt"));
        var inbox = await tenant.InboxAsync(Phone);
        Assert.Equal(2, inbox.GetArrayLength());
        Assert.Equal(code, inbox[0].Str("code"));
        Assert.Contains("4 分钟", inbox[0].Str("text"));
    }

    [Fact]
    public async Task AResentCode_SaysTheWholeMinutesItHasLeft_NeverMore()
    {
        var tenant = await TenantWithNumberAsync();
        await tenant.StartOkAsync(Phone);
        Assert.Contains("5 分钟", (await tenant.InboxAsync(Phone))[0].Str("text"));
        app.Clock.Advance(TimeSpan.FromSeconds(70));

        await tenant.StartOkAsync(Phone);

        Assert.Contains("，3 分钟内有效", (await tenant.InboxAsync(Phone))[0].Str("text")); // 3 min 50 s left
    }

    [Theory]
    [InlineData(8, null)]
    [InlineData(null, 600)]
    public async Task Start_AgainAskingForAnotherLengthOrLifetime_ReplacesThePendingCode_WithOneOnThoseTerms(int? codeLength, int? ttlSeconds)
    {
        var tenant = await TenantWithNumberAsync();
        var first = await tenant.StartOkAsync(Phone);
        app.Clock.Advance(TimeSpan.FromSeconds(60));

        var again = await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Phone, codeLength, ttlSeconds })).OkAsync(HttpStatusCode.Created);

        Assert.NotEqual(first.Str("id"), again.Str("id"));
        Assert.Equal(codeLength ?? 6, (await tenant.LatestCodeAsync(Phone)).Length);
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(ttlSeconds ?? 300), again.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal("canceled", (await (await tenant.Http.GetAsync($"/v1/verifications/{first.Str("id")}")).OkAsync()).Str("status"));
        // Asking again for what is now pending is a plain resend, held to the cool-down.
        await (await tenant.Http.PostJsonAsync("/v1/verifications", new { to = Phone, codeLength, ttlSeconds }))
            .ProblemAsync(HttpStatusCode.TooManyRequests, "resend_too_soon");
    }

    [Fact]
    public async Task Start_FrequencyLimits_RefuseTheSixthInAnHourAndTheEleventhInADay()
    {
        var tenant = await TenantWithNumberAsync();
        for (var i = 0; i < 5; i++)
        {
            var id = (await tenant.StartOkAsync(Phone)).Str("id");
            await (await tenant.CheckAsync(id, await tenant.LatestCodeAsync(Phone))).OkAsync();
            app.Clock.Advance(TimeSpan.FromSeconds(61));
        }
        var sixth = await tenant.StartAsync(Phone);
        var problem = await sixth.ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(3600, problem.Int("windowSeconds"));
        Assert.Equal(5, problem.Int("limit"));
        // The first of the five leaves the hour 3600 s after it was sent; 5 × 61 s have passed since.
        Assert.Equal(TimeSpan.FromSeconds(3600 - 5 * 61), sixth.Headers.RetryAfter?.Delta);

        for (var i = 0; i < 5; i++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            await tenant.StartOkAsync(Phone);
        }
        app.Clock.Advance(TimeSpan.FromHours(1));
        var eleventh = await (await tenant.StartAsync(Phone)).ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(86400, eleventh.Int("windowSeconds"));
    }

    [Fact]
    public async Task Start_SecondWithinAMinuteAfterApproval_Is429RateLimitedPerMinute()
    {
        var tenant = await TenantWithNumberAsync();
        var id = (await tenant.StartOkAsync(Phone)).Str("id");
        await (await tenant.CheckAsync(id, await tenant.LatestCodeAsync(Phone))).OkAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var response = await tenant.StartAsync(Phone);
        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(60, problem.Int("windowSeconds"));
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Check_WrongCodes_CountDownAndTheFifthEndsIt()
    {
        var tenant = await TenantWithNumberAsync();
        var id = (await tenant.StartOkAsync(Phone)).Str("id");
        var code = await tenant.LatestCodeAsync(Phone);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var left = 4; left >= 1; left--)
        {
            var answer = await (await tenant.CheckAsync(id, wrong)).OkAsync();
            Assert.Equal("pending", answer.Str("status"));
            Assert.Equal(left, answer.Int("checkAttemptsLeft"));
        }
        await (await tenant.CheckAsync(id, wrong)).ProblemAsync(HttpStatusCode.TooManyRequests, "max_check_attempts");

        var after = await (await tenant.CheckAsync(id, code)).ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
        Assert.Equal("max_attempts_reached", after.Str("verificationStatus"));
        Assert.Equal("max_attempts_reached", (await (await tenant.Http.GetAsync($"/v1/verifications/{id}")).OkAsync()).Str("status"));
    }

    [Fact]
    public async Task Check_AfterExpiry_Is409Expired()
    {
        var tenant = await TenantWithNumberAsync();
        var id = (await tenant.StartOkAsync(Phone)).Str("id");
        var code = await tenant.LatestCodeAsync(Phone);
        app.Clock.Advance(TimeSpan.FromSeconds(300));

        Assert.Equal("expired", (await (await tenant.Http.GetAsync($"/v1/verifications/{id}")).OkAsync()).Str("status"));
        var problem = await (await tenant.CheckAsync(id, code)).ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
        Assert.Equal("expired", problem.Str("verificationStatus"));
    }

    [Fact]
    public async Task Check_TheSameCodeTwice_SecondIs409Approved()
    {
        var tenant = await TenantWithNumberAsync();
        var id = (await tenant.StartOkAsync(Phone)).Str("id");
        var code = await tenant.LatestCodeAsync(Phone);
        await (await tenant.CheckAsync(id, code)).OkAsync();
        var problem = await (await tenant.CheckAsync(id, code)).ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
        Assert.Equal("approved", problem.Str("verificationStatus"));
    }

    [Fact]
    public async Task Cancel_ThenCheck_Is409Canceled()
    {
        var tenant = await TenantWithNumberAsync();
        var id = (await tenant.StartOkAsync(Phone)).Str("id");
        var code = await tenant.LatestCodeAsync(Phone);
        Assert.Equal("canceled", (await (await tenant.Http.PostAsync($"/v1/verifications/{id}/cancel", null)).OkAsync()).Str("status"));
        var problem = await (await tenant.CheckAsync(id, code)).ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
        Assert.Equal("canceled", problem.Str("verificationStatus"));
        await (await tenant.Http.PostAsync($"/v1/verifications/{id}/cancel", null)).ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
    }

    [Fact]
    public async Task ApproveWithoutCode_EndsApproved_AuditedApart_AndOnlyOnce()
    {
        var tenant = await TenantWithNumberAsync();
        var id = (await tenant.StartOkAsync(Phone)).Str("id");
        var code = await tenant.LatestCodeAsync(Phone);

        var approved = await (await tenant.Http.PostAsync($"/v1/verifications/{id}/approve", null)).OkAsync();

        Assert.Equal("approved", approved.Str("status"));
        Assert.Equal("approved", (await (await tenant.Http.GetAsync($"/v1/verifications/{id}")).OkAsync()).Str("status"));
        var problem = await (await tenant.CheckAsync(id, code)).ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
        Assert.Equal("approved", problem.Str("verificationStatus"));
        await (await tenant.Http.PostAsync($"/v1/verifications/{id}/approve", null)).ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
        var trail = await (await app.Operator().GetAsync($"/v1/audit?target=verification:{id}")).OkAsync();
        Assert.Equal(["verification.started", "verification.approved_without_code"], trail.EnumerateArray().Select(r => r.Str("action")));
    }

    [Fact]
    public async Task ApproveWithoutCode_CanceledOrAnotherTenants_IsRefused()
    {
        var tenant = await TenantWithNumberAsync();
        var canceled = (await tenant.StartOkAsync(Phone)).Str("id");
        await (await tenant.Http.PostAsync($"/v1/verifications/{canceled}/cancel", null)).OkAsync();
        var problem = await (await tenant.Http.PostAsync($"/v1/verifications/{canceled}/approve", null))
            .ProblemAsync(HttpStatusCode.Conflict, "verification_not_pending");
        Assert.Equal("canceled", problem.Str("verificationStatus"));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var pending = (await tenant.StartOkAsync(Phone)).Str("id");
        var other = await app.CreateTenantAsync();
        await (await other.Http.PostAsync($"/v1/verifications/{pending}/approve", null)).ProblemAsync(HttpStatusCode.NotFound, "verification_not_found");
        Assert.Equal("pending", (await (await tenant.Http.GetAsync($"/v1/verifications/{pending}")).OkAsync()).Str("status"));
    }

    [Fact]
    public async Task Check_BadRequests_Are400()
    {
        var tenant = await TenantWithNumberAsync();
        var id = (await tenant.StartOkAsync(Phone)).Str("id");
        await (await tenant.Http.PostJsonAsync("/v1/verifications/check", new { id, to = Phone, code = "123456" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await tenant.Http.PostJsonAsync("/v1/verifications/check", new { code = "123456" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await tenant.Http.PostJsonAsync("/v1/verifications/check", new { id }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await tenant.Http.PostJsonAsync("/v1/verifications/check", new { id, code = new string('1', 33) }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        await (await tenant.Http.PostJsonAsync("/v1/verifications/check", new { id = "not-a-guid", code = "123456" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_body");
        // None of these was a guess: all five attempts are left.
        Assert.Equal(5, (await (await tenant.Http.GetAsync($"/v1/verifications/{id}")).OkAsync()).Int("checkAttemptsLeft"));
    }

    [Fact]
    public async Task Check_ByNumberWithNothingSent_Is404()
    {
        var tenant = await TenantWithNumberAsync();
        await (await tenant.Http.PostJsonAsync("/v1/verifications/check", new { to = Phone, code = "123456" }))
            .ProblemAsync(HttpStatusCode.NotFound, "verification_not_found");
    }

    [Fact]
    public async Task Storage_KeepsNoCodeInClear()
    {
        var tenant = await TenantWithNumberAsync();
        var id = Guid.Parse((await tenant.StartOkAsync(Phone)).Str("id"));
        var code = await tenant.LatestCodeAsync(Phone);

        var verification = await app.WithDbAsync(db => db.Verifications.SingleAsync(v => v.Id == id));
        Assert.Equal(32, verification.CodeHash.Length);
        Assert.DoesNotContain(code, System.Text.Encoding.ASCII.GetString(verification.CodeHash));
        Assert.DoesNotContain(code, System.Text.Encoding.ASCII.GetString(verification.CodeSeal!));
        var message = await app.WithDbAsync(db => db.Messages.SingleAsync(m => m.VerificationId == id));
        Assert.DoesNotContain(code, message.MaskedText);
        Assert.Contains("******", message.MaskedText);
        Assert.Equal(1, message.Segments);

        await (await tenant.CheckAsync(id.ToString(), code)).OkAsync();
        Assert.Null((await app.WithDbAsync(db => db.Verifications.SingleAsync(v => v.Id == id))).CodeSeal);
    }
}
