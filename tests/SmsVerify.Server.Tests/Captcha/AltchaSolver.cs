using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsVerify.Server.Tests.Captcha;

/// <summary>Does what the widget does, in test code: finds the number by brute force and builds its payload.</summary>
public static class AltchaSolver
{
    public static string Solve(JsonElement challenge) => Encode(Payload(challenge, FindNumber(challenge)));

    /// <summary>The widget's payload object, for tests that alter a field before encoding it.</summary>
    public static JsonObject Payload(JsonElement challenge, long number) => new()
    {
        ["algorithm"] = challenge.GetProperty("algorithm").GetString(),
        ["challenge"] = challenge.GetProperty("challenge").GetString(),
        ["number"] = number,
        ["salt"] = challenge.GetProperty("salt").GetString(),
        ["signature"] = challenge.GetProperty("signature").GetString(),
        ["took"] = 12,
    };

    public static string Encode(JsonNode payload) => Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString()));

    public static long FindNumber(JsonElement challenge)
    {
        var salt = challenge.GetProperty("salt").GetString()!;
        var target = Convert.FromHexString(challenge.GetProperty("challenge").GetString()!);
        var max = challenge.GetProperty("maxnumber").GetInt64();
        for (var n = 0L; n <= max; n++)
        {
            if (SHA256.HashData(Encoding.UTF8.GetBytes(salt + n)).AsSpan().SequenceEqual(target))
            {
                return n;
            }
        }
        throw new InvalidOperationException("No number up to maxnumber solves the challenge.");
    }
}
