using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Verification;

/// <summary>
/// <c>POST /v1/verifications</c> under an <c>Idempotency-Key</c>: a retry after a lost answer gets the verification the
/// first request started, and the phone gets one code, however the retries come.
/// </summary>
public sealed class VerificationIdempotencyTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Phone = "+8613812345678";

    private async Task<TestTenant> TenantWithNumberAsync()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(Phone);
        return tenant;
    }

    private static Task<HttpResponseMessage> StartAsync(TestTenant tenant, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/verifications") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return tenant.Http.SendAsync(request);
    }

    [Fact]
    public async Task TheSameKey_AnswersTheFirstVerificationAgain_WithOneCodeSent_AndAnotherBodyIsRefused()
    {
        var tenant = await TenantWithNumberAsync();
        var first = await (await StartAsync(tenant, new { to = Phone }, "login-1")).OkAsync(HttpStatusCode.Created);
        // Past the cool-down, a start without the key would send the code again; with it, nothing is sent.
        app.Clock.Advance(TimeSpan.FromSeconds(90));

        var again = await (await StartAsync(tenant, new { to = Phone }, "login-1")).OkAsync(HttpStatusCode.Created);

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(1, first.Int("sendCount"));
        Assert.Equal(1, (await tenant.InboxAsync(Phone)).GetArrayLength());
        await (await StartAsync(tenant, new { to = Phone, codeLength = 8 }, "login-1")).ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        var code = await tenant.LatestCodeAsync(Phone);
        Assert.Equal("approved", (await (await tenant.CheckAsync(first.Str("id"), code)).OkAsync()).Str("status"));
    }

    [Fact]
    public async Task TheKey_LastsADay_ThenStartsAnew()
    {
        var tenant = await TenantWithNumberAsync();
        var first = await (await StartAsync(tenant, new { to = Phone }, "login-2")).OkAsync(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromHours(25));

        var later = await (await StartAsync(tenant, new { to = Phone }, "login-2")).OkAsync(HttpStatusCode.Created);

        Assert.NotEqual(first.Str("id"), later.Str("id"));
        var code = await tenant.LatestCodeAsync(Phone);
        Assert.Equal("approved", (await (await tenant.CheckAsync(later.Str("id"), code)).OkAsync()).Str("status"));
    }

    [Fact]
    public async Task RacingRetries_WithOneKey_StartOneVerification_AndSendOneCode()
    {
        var tenant = await TenantWithNumberAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StartAsync(tenant, new { to = Phone }, "login-3")));

        // Each is the one answer or "in progress, retry": never a second code, nor "resend too soon" for its own code.
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var ids = new HashSet<string>();
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await answer.OkAsync(HttpStatusCode.Created)).Str("id"));
        }
        Assert.Single(ids);
        Assert.Equal(1, (await tenant.InboxAsync(Phone)).GetArrayLength());
    }

    [Fact]
    public async Task AKeyTooLong_IsRefusedBeforeAnythingIsSent()
    {
        var tenant = await TenantWithNumberAsync();

        var refused = await (await StartAsync(tenant, new { to = Phone }, new string('k', 256))).ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");

        Assert.Equal("Idempotency-Key", refused.Str("field"));
        Assert.Equal(0, (await tenant.InboxAsync(Phone)).GetArrayLength());
    }
}
