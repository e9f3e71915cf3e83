using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat.Twilio;

/// <summary>What Twilio's SDK gave back: the resource, or the RestException it raised.</summary>
internal static class TwilioSdk
{
    public static JsonElement Body(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"expected the SDK to succeed: {result}");
        return result.GetProperty("body");
    }

    /// <summary>Asserts a RestException with Twilio's code and HTTP status, and returns it.</summary>
    public static JsonElement RestException(JsonElement result, int code, int status)
    {
        Assert.False(result.GetProperty("ok").GetBoolean(), $"expected a RestException: {result}");
        var error = result.GetProperty("error");
        // Compared as text: a network error (a reset, a timeout) carries a string code, and the message must show it.
        Assert.True(error.Str("name") == "RestException" && error.GetProperty("code").ToString() == code.ToString()
            && error.GetProperty("status").ToString() == status.ToString(), $"expected RestException {code} ({status}): {result}");
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", error.Str("moreInfo"));
        return error;
    }
}
