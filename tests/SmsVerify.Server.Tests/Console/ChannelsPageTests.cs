using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Console;

/// <summary>/console/channels over HTTP, on the embedded default: the sandbox carrier. Admin only.</summary>
public sealed class ChannelsPageTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Theory]
    [InlineData("auditor")]
    [InlineData("risk")]
    public async Task OtherRoles_AreRefused(string role)
    {
        var answer = await (await app.SignedInAsync(role)).GetAsync("/console/channels");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("/console/denied", answer.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Admin_SeesTheSandboxCarrierUp_AndAnEmptyQueue()
    {
        var html = await (await (await app.SignedInAsync("admin")).GetAsync("/console/channels")).Content.ReadAsStringAsync();

        Assert.Contains("data-channel=\"sandbox\"", html);
        Assert.Contains("data-state=\"up\"", html);
        // The sandbox carrier's hour: sixty minutes with nothing taken.
        Assert.Contains("data-values=\"" + string.Join(",", Enumerable.Repeat("0", 60)) + "\"", html);
        Assert.Contains("data-figure=\"queued\">0<", html);
    }
}
