using System.Net;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Twilio;

/// <summary>
/// The server on a real loopback port, as Twilio's Node SDK (a separate process) needs, with the in-process app's
/// fake clock and helpers; one per test class, each test with tenants of its own.
/// </summary>
public sealed class TwilioServer : IAsyncLifetime
{
    public SmsVerifyApp App { get; } = new();

    /// <summary><c>127.0.0.1:port</c>, what the SDK harness takes as its endpoint.</summary>
    public string Endpoint { get; private set; } = "";

    public async Task InitializeAsync() => Endpoint = await App.StartOnLoopbackAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();

    /// <summary>A Twilio credential of this tenant: <c>(accountSid, authToken)</c>.</summary>
    public static async Task<(string AccountSid, string AuthToken)> CredentialAsync(TestTenant tenant)
    {
        var created = await (await tenant.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "twilio" })).OkAsync(HttpStatusCode.Created);
        return (created.Str("keyId"), created.Str("secret"));
    }

    /// <summary>Runs one call of Twilio's SDK against this server (see Compat/sdk/twilio.mjs for the call names).</summary>
    public Task<JsonElement> RunAsync((string AccountSid, string AuthToken) credential, string call, object? ids = null, object? parameters = null,
        object? options = null)
    {
        var command = new Dictionary<string, object?>
        {
            ["endpoint"] = Endpoint,
            ["credentials"] = new { accountSid = credential.AccountSid, authToken = credential.AuthToken },
            ["options"] = options ?? new { },
            ["call"] = call,
            ["params"] = parameters ?? new { },
        };
        foreach (var property in ids?.GetType().GetProperties() ?? [])
        {
            command[property.Name] = property.GetValue(ids);
        }
        return VendorSdk.RunAsync(VendorSdk.Twilio, command);
    }
}
