using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>Twilio's JSON: snake_case members, nulls written out (the SDK reads a missing date as "now"), UTC dates without fractions.</summary>
internal static class TwilioJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new TwilioDateConverter() },
    };

    public static Task Write(HttpContext context, object body, int status)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, body.GetType(), Options, "application/json; charset=utf-8");
    }

    public static IResult Ok(object body, int status = 200) => Results.Json(body, Options, "application/json; charset=utf-8", status);

    /// <summary><c>YYYY-MM-DDTHH:mm:ssZ</c>, as Twilio writes dates and the SDK parses them.</summary>
    private sealed class TwilioDateConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue((value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
