using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Tenants;

/// <summary>A tenant never sees or changes another tenant's data, and cannot even tell it exists (404, not 403).</summary>
public sealed class TenantIsolationTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private const string Phone = "+8613911112222";

    [Fact]
    public async Task OtherTenant_CannotReadInboxOfTheSameNumber()
    {
        var alice = await app.CreateTenantAsync(name: "Alice");
        var bob = await app.CreateTenantAsync(name: "Bob");
        await alice.RegisterNumberAsync(Phone);
        await alice.StartOkAsync(Phone);

        await (await bob.Http.GetAsync($"/v1/sandbox/numbers/{Uri.EscapeDataString(Phone)}/messages"))
            .ProblemAsync(HttpStatusCode.NotFound, "sandbox_number_not_found");

        // Bob registering the same number gets his own empty inbox, never Alice's messages.
        await bob.RegisterNumberAsync(Phone);
        Assert.Equal(0, (await bob.InboxAsync(Phone)).GetArrayLength());
        Assert.Equal(1, (await alice.InboxAsync(Phone)).GetArrayLength());
    }

    [Fact]
    public async Task OtherTenant_CannotReadCheckOrCancelAVerification()
    {
        var alice = await app.CreateTenantAsync(name: "Alice");
        var bob = await app.CreateTenantAsync(name: "Bob");
        await alice.RegisterNumberAsync(Phone);
        var id = (await alice.StartOkAsync(Phone)).Str("id");
        var code = await alice.LatestCodeAsync(Phone);

        await (await bob.Http.GetAsync($"/v1/verifications/{id}")).ProblemAsync(HttpStatusCode.NotFound, "verification_not_found");
        await (await bob.CheckAsync(id, code)).ProblemAsync(HttpStatusCode.NotFound, "verification_not_found");
        await (await bob.Http.PostJsonAsync("/v1/verifications/check", new { to = Phone, code }))
            .ProblemAsync(HttpStatusCode.NotFound, "verification_not_found");
        await (await bob.Http.PostAsync($"/v1/verifications/{id}/cancel", null)).ProblemAsync(HttpStatusCode.NotFound, "verification_not_found");

        // Nothing Bob did touched it: Alice's code still approves with all attempts left.
        var approved = await (await alice.CheckAsync(id, code)).OkAsync();
        Assert.Equal("approved", approved.Str("status"));
        Assert.Equal(5, approved.Int("checkAttemptsLeft"));
    }

    [Fact]
    public async Task OtherTenant_CannotDeleteOrListTestNumbers()
    {
        var alice = await app.CreateTenantAsync(name: "Alice");
        var bob = await app.CreateTenantAsync(name: "Bob");
        await alice.RegisterNumberAsync(Phone);

        Assert.Equal(0, (await (await bob.Http.GetAsync("/v1/sandbox/numbers")).OkAsync()).GetArrayLength());
        await (await bob.Http.DeleteAsync($"/v1/sandbox/numbers/{Uri.EscapeDataString(Phone)}"))
            .ProblemAsync(HttpStatusCode.NotFound, "sandbox_number_not_found");
        Assert.Equal(1, (await (await alice.Http.GetAsync("/v1/sandbox/numbers")).OkAsync()).GetArrayLength());
    }

    [Fact]
    public async Task OtherTenant_CannotSendToSomeoneElsesTestNumber()
    {
        var alice = await app.CreateTenantAsync(name: "Alice");
        var bob = await app.CreateTenantAsync(name: "Bob");
        await alice.RegisterNumberAsync(Phone);

        await (await bob.StartAsync(Phone)).ProblemAsync(HttpStatusCode.Forbidden, "sandbox_number_required");
        Assert.Equal(0, (await alice.InboxAsync(Phone)).GetArrayLength());
    }
}
