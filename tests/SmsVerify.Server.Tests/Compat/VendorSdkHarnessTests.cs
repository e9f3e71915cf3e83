using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat;

/// <summary>
/// The vendor SDK harness against a fake vendor API, no SmsVerify: each official SDK sends what the vendor's API
/// reference says (the essentials only; the server's tests check signatures), its answers and errors come back as
/// JSON, and replay and clock skew do what the server tests will rely on. One partial file per vendor.
/// </summary>
public sealed partial class VendorSdkHarnessTests
{
    private const string KeyId = "testAccessKeyId";
    private const string Secret = "testSecret";

    // CJK, an emoji (a surrogate pair) and every character that URL and form encoders treat differently.
    private const string AwkwardText = "验证码 123456 😀 '()*!~+&=/%";

    private static void AssertOk(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"expected ok: {result}");
    }

    private static JsonElement AssertError(JsonElement result)
    {
        Assert.False(result.GetProperty("ok").GetBoolean(), $"expected an error: {result}");
        return result.GetProperty("error");
    }

    private static void AssertSameBytes(RecordedRequest first, RecordedRequest replayed)
    {
        Assert.Equal(first.Wire, replayed.Wire);
        Assert.Equal(first.Body, replayed.Body);
    }

    private static void AssertNear(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.InRange(actual, expected.AddMinutes(-1), expected.AddMinutes(1));
}
