using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// Answers as Alibaba writes them: JSON with PascalCase names (the SDKs map <c>Code</c>, <c>BizId</c>… by those names
/// and parse any body as JSON), a <c>RequestId</c> in every one, absent fields left out.
/// </summary>
internal static class AlibabaResponses
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static ErrorBody Error(AlibabaError error, string requestId) =>
        new(requestId, error.Code, error.Message);

    public static async Task WriteAsync(HttpResponse response, int status, object body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json;charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), Json);
    }

    internal sealed record ErrorBody(string RequestId, string Code, string Message);
}
