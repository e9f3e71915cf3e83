using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Sandbox;

public sealed class SandboxApiTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("+8613812345678")]
    [InlineData("008613812345678")]
    [InlineData("86 138 1234 5678")]
    public async Task RegisterNumber_AnyCommonForm_IsStoredAsE164(string typed)
    {
        var tenant = await app.CreateTenantAsync();
        var number = await (await tenant.Http.PostJsonAsync("/v1/sandbox/numbers", new { phone = typed })).OkAsync(HttpStatusCode.Created);
        Assert.Equal("+8613812345678", number.Str("phone"));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("not a phone")]
    [InlineData("010 6552 9988")]
    [InlineData("")]
    public async Task RegisterNumber_NotAMobileNumber_Is400(string phone)
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.PostJsonAsync("/v1/sandbox/numbers", new { phone })).ProblemAsync(HttpStatusCode.BadRequest, "invalid_phone");
    }

    [Theory]
    [InlineData("123")]
    [InlineData("123456789")]
    [InlineData("12a4")]
    public async Task RegisterNumber_BadFixedCode_Is400(string fixedCode)
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.Http.PostJsonAsync("/v1/sandbox/numbers", new { phone = "13812345678", fixedCode }))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal("fixedCode", problem.Str("field"));
    }

    [Fact]
    public async Task RegisterNumber_Twice_Is409()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("13812345678");
        await (await tenant.Http.PostJsonAsync("/v1/sandbox/numbers", new { phone = "+8613812345678" }))
            .ProblemAsync(HttpStatusCode.Conflict, "sandbox_number_exists");
    }

    [Fact]
    public async Task RegisterNumber_ManyAtOnce_OneWinsAndTheServerKeepsWriting()
    {
        var tenant = await app.CreateTenantAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(_ => tenant.Http.PostJsonAsync("/v1/sandbox/numbers", new { phone = "13812345678" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        // Writes that failed on the unique index gave the database back: the next ones go through.
        await tenant.RegisterNumberAsync("13812345679");
        await tenant.StartOkAsync("13812345678");
    }

    [Fact]
    public async Task RegisterNumber_The21st_Is409()
    {
        var tenant = await app.CreateTenantAsync();
        for (var i = 0; i < 20; i++)
        {
            await tenant.RegisterNumberAsync($"+86138000000{i:D2}");
        }
        await (await tenant.Http.PostJsonAsync("/v1/sandbox/numbers", new { phone = "+8613800000099" }))
            .ProblemAsync(HttpStatusCode.Conflict, "sandbox_number_limit");
        Assert.Equal(20, (await (await tenant.Http.GetAsync("/v1/sandbox/numbers")).OkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task FixedCode_EveryVerificationToTheNumberUsesIt()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("13812345678", fixedCode: "2468");
        var id = (await tenant.StartOkAsync("13812345678")).Str("id");
        Assert.Equal("2468", await tenant.LatestCodeAsync("+8613812345678"));
        Assert.Equal("approved", (await (await tenant.CheckAsync(id, "2468")).OkAsync()).Str("status"));
    }

    [Fact]
    public async Task Inbox_IsNewestFirstAndDeletingTheNumberEmptiesIt()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("13812345678");
        var first = (await tenant.StartOkAsync("13812345678")).Str("id");
        await (await tenant.Http.PostAsync($"/v1/verifications/{first}/cancel", null)).OkAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await tenant.StartOkAsync("13812345678");

        var inbox = await tenant.InboxAsync("+8613812345678");
        Assert.Equal(2, inbox.GetArrayLength());
        Assert.True(inbox[0].GetProperty("receivedAt").GetDateTime() > inbox[1].GetProperty("receivedAt").GetDateTime());

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Http.DeleteAsync("/v1/sandbox/numbers/%2B8613812345678")).StatusCode);
        await (await tenant.Http.GetAsync("/v1/sandbox/numbers/%2B8613812345678/messages")).ProblemAsync(HttpStatusCode.NotFound, "sandbox_number_not_found");
        await tenant.RegisterNumberAsync("13812345678");
        Assert.Equal(0, (await tenant.InboxAsync("+8613812345678")).GetArrayLength());

        // The platform's message log keeps both sends, masked, whatever happens to the test number.
        var logged = await app.WithDbAsync(db => db.Messages.Where(m => m.TenantId == tenant.Id).ToListAsync());
        Assert.Equal(2, logged.Count);
        Assert.All(logged, m => Assert.Null(m.SandboxText));
        Assert.All(logged, m => Assert.Contains("******", m.MaskedText));
    }

    [Fact]
    public async Task Inbox_LimitOutOfRange_Is400()
    {
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync("13812345678");
        await (await tenant.Http.GetAsync("/v1/sandbox/numbers/13812345678/messages?limit=1000"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
    }
}
