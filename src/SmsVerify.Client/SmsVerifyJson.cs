using System.Text.Json;

namespace SmsVerify.Client;

/// <summary>
/// The client's JSON settings, for a caller that writes an answer back out as JSON (the <c>smsverify</c> command's
/// <c>--json</c>): camelCase as the server writes it, by generated code for every type the client reads.
/// </summary>
public static class SmsVerifyJson
{
    public static JsonSerializerOptions Options => ClientJson.Default.Options;
}
