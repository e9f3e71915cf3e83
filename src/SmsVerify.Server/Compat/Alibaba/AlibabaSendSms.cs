using System.Text.Json;
using SmsVerify.Server.Content;
using SmsVerify.Server.Sending;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// SendSms and SendBatchSms onto the one send pipeline, exactly as <c>POST /v1/messages</c> hands it a send: the
/// numbers, the signature (SignName), the template (TemplateCode) and its values (TemplateParam), with OutId kept as
/// the messages' client reference. A verification template is counted against the verification limits there, as it is
/// on the native API.
/// </summary>
internal static class AlibabaSendSms
{
    public const int MaxOutIdLength = 256;
    public const int MaxBatchNumbers = 100;

    /// <summary>SmsUpExtendCode is accepted and not used: replies find the tenant through its signature's own extension.</summary>
    public const int MaxExtendCodeLength = 12;

    public static async Task<AlibabaOutcome> SendAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        if (Required(call, "PhoneNumbers", "SignName", "TemplateCode") is { } missing)
        {
            return missing;
        }
        var numbers = call["PhoneNumbers"]!.Split(',', StringSplitOptions.TrimEntries);
        if (numbers.Length > SendPipeline.MaxRecipients)
        {
            return AlibabaError.Business(AlibabaCodes.MobileCountOverLimit, $"PhoneNumbers holds at most {SendPipeline.MaxRecipients} numbers.");
        }
        var values = ParseTemplateParam(call["TemplateParam"]);
        if (values.Error is { } badJson)
        {
            return badJson;
        }
        return await SendAsync(call, Array.ConvertAll(numbers, AlibabaNumbers.Normalise), call["SignName"]!, values.Value, cancellationToken);
    }

    /// <summary>
    /// SendBatchSms: one template, a signature and values per number. The pipeline sends one signature and one set of
    /// values at a time, so a batch whose signatures or values differ is refused rather than split into many sends.
    /// </summary>
    public static async Task<AlibabaOutcome> SendBatchAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        if (Required(call, "PhoneNumberJson", "SignNameJson", "TemplateCode") is { } missing)
        {
            return missing;
        }
        var numbers = StringArray(call["PhoneNumberJson"]);
        var signatures = StringArray(call["SignNameJson"]);
        if (numbers is not { Length: > 0 and <= MaxBatchNumbers } || signatures is null || signatures.Length != numbers.Length)
        {
            return AlibabaError.Business(AlibabaCodes.InvalidJsonParam,
                $"PhoneNumberJson is a JSON array of 1 to {MaxBatchNumbers} numbers and SignNameJson one signature per number.");
        }
        var paramSets = call["TemplateParamJson"] is { } paramJson ? ParseParamArray(paramJson, numbers.Length) : (null, null);
        if (paramSets.Error is { } badJson)
        {
            return badJson;
        }
        if (signatures.Distinct(StringComparer.Ordinal).Count() > 1 || paramSets.Value?.Select(Canonical).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            return AlibabaError.Business(AlibabaCodes.InvalidParameters,
                "SmsVerify sends a batch with one signature and one set of template values; send numbers with different ones in separate calls.");
        }
        return await SendAsync(call, Array.ConvertAll(numbers, AlibabaNumbers.Normalise), signatures[0], paramSets.Value?[0] ?? [], cancellationToken);
    }

    private static async Task<AlibabaOutcome> SendAsync(
        AlibabaCall call, string?[] numbers, string signature, Dictionary<string, string>? values, CancellationToken cancellationToken)
    {
        var template = call["TemplateCode"]!;
        if (signature.Length > SendParameters.MaxNameLength)
        {
            return AlibabaError.Business(AlibabaCodes.SignatureIllegal, $"SignName is at most {SendParameters.MaxNameLength} characters.");
        }
        if (template.Length > SendParameters.MaxNameLength)
        {
            return AlibabaError.Business(AlibabaCodes.TemplateIllegal, $"TemplateCode is at most {SendParameters.MaxNameLength} characters.");
        }
        var outId = call["OutId"];
        if (outId is { Length: > MaxOutIdLength } || call["SmsUpExtendCode"] is { } extend && (extend.Length > MaxExtendCodeLength || !extend.All(char.IsAsciiDigit)))
        {
            return AlibabaError.Business(AlibabaCodes.InvalidParameters,
                $"OutId is at most {MaxOutIdLength} characters and SmsUpExtendCode at most {MaxExtendCodeLength} digits.");
        }
        var pipeline = call.Services.GetRequiredService<SendPipeline>();
        var send = new SendRequest(call.Caller.TenantId, call.Caller.Mode, numbers, signature, template, values)
        {
            ClientReference = string.IsNullOrEmpty(outId) ? null : outId,
        };
        var sent = await pipeline.SendAsync(send, null, cancellationToken);
        if (sent.Error is { } refused)
        {
            return AlibabaCodes.For(refused);
        }
        return AlibabaOutcome.Ok(new SendSmsResponse(call.RequestId, AlibabaCodes.Ok, "OK", AlibabaBizId.Of(AlibabaBizId.FirstOf(sent.Value!.Messages.Select(m => m.Id)))));
    }

    private static AlibabaError? Required(AlibabaCall call, params string[] names) =>
        names.FirstOrDefault(n => string.IsNullOrEmpty(call[n])) is { } missing ? AlibabaError.Missing(missing) : null;

    /// <summary>TemplateParam: a JSON object of string values (Alibaba refuses numbers there with the same code).</summary>
    private static (Dictionary<string, string>? Value, AlibabaError? Error) ParseTemplateParam(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return ([], null);
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return ValuesOf(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, BadParam());
        }
    }

    private static (Dictionary<string, string>? Value, AlibabaError? Error) ValuesOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, BadParam());
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || values.Count == SendParameters.MaxCount)
            {
                return (null, BadParam());
            }
            values[property.Name] = property.Value.GetString()!;
        }
        return (values, null);
    }

    private static (List<Dictionary<string, string>>? Value, AlibabaError? Error) ParseParamArray(string json, int count)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() != count)
            {
                return (null, BadParam());
            }
            var sets = new List<Dictionary<string, string>>(count);
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var (values, error) = ValuesOf(element);
                if (error is not null)
                {
                    return (null, error);
                }
                sets.Add(values!);
            }
            return (sets, null);
        }
        catch (JsonException)
        {
            return (null, BadParam());
        }
    }

    private static string[]? StringArray(string? json)
    {
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Canonical(Dictionary<string, string> values) =>
        string.Join('\u0001', values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}\u0002{v.Value}"));

    private static AlibabaError BadParam() => AlibabaError.Business(AlibabaCodes.InvalidJsonParam,
        $"TemplateParam is a JSON object of at most {SendParameters.MaxCount} string values, such as {{\"code\":\"123456\"}}.");

    internal sealed record SendSmsResponse(string RequestId, string Code, string Message, string BizId);
}
