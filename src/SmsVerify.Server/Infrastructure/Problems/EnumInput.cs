using System.Text.Json;

namespace SmsVerify.Server.Infrastructure.Problems;

public static class EnumInput
{
    /// <summary>
    /// Reads an enum from API input by name only, in any case or as the API writes it ("pending_review").
    /// Enum.TryParse would also take numbers and comma lists ("1", "personal,enterprise"), which no client means.
    /// </summary>
    /// <summary>A value as the API writes it (<c>PendingReview</c> → <c>pending_review</c>), for pages and exports that show it the same way.</summary>
    public static string ApiName<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? input, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            var name = candidate.ToString();
            if (string.Equals(input, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(input, JsonNamingPolicy.SnakeCaseLower.ConvertName(name), StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
