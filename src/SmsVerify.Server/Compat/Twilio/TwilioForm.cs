using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>
/// The form body Twilio's SDKs send (<c>application/x-www-form-urlencoded</c>, PascalCase names). A body that is not
/// a form reads as an empty one, so that the missing parameter is what the answer names.
/// </summary>
internal sealed class TwilioForm(IFormCollection form)
{
    /// <summary>No Twilio parameter this API reads is longer; longer values are refused, not cut.</summary>
    public const int MaxValueLength = 4096;

    public static async Task<TwilioForm> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return new(FormCollection.Empty);
        }
        try
        {
            var options = new FormOptions { ValueCountLimit = 64, KeyLengthLimit = 128, ValueLengthLimit = MaxValueLength };
            return new(await new FormFeature(request, options).ReadFormAsync(request.HttpContext.RequestAborted));
        }
        catch (InvalidDataException)
        {
            return new(FormCollection.Empty);
        }
    }

    /// <summary>The value of <paramref name="name"/>, or null when absent or empty (Twilio treats both alike).</summary>
    public string? this[string name] => form[name] is { Count: > 0 } values && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    public bool Has(string name) => this[name] is not null;

    /// <summary>A JSON object parameter (<c>RateLimits</c>, <c>TemplateCustomSubstitutions</c>) as strings; false if it is not one.</summary>
    public bool TryReadObject(string name, out Dictionary<string, string>? values)
    {
        values = null;
        if (this[name] is not { } json)
        {
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    _ => throw new JsonException(),
                };
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
