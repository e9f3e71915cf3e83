using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>
/// An action's parameters, wherever the SDK put them: a JSON body (TC3 POST), or flattened into a form body or the
/// query (TC3 GET and the older scheme), where an array <c>PhoneNumberSet</c> arrives as <c>PhoneNumberSet.0</c>,
/// <c>PhoneNumberSet.1</c>… Readers are bounded: a value or a list past its bound is refused, never truncated.
/// </summary>
internal sealed class TencentParameters
{
    private readonly JsonElement? _json;
    private readonly IReadOnlyDictionary<string, StringValues>? _flat;

    private TencentParameters(JsonElement? json, IReadOnlyDictionary<string, StringValues>? flat) => (_json, _flat) = (json, flat);

    public static TencentParameters FromJson(JsonElement json) => new(json, null);

    public static TencentParameters FromFlat(IReadOnlyDictionary<string, StringValues> flat) => new(null, flat);

    /// <summary>The value as text (a JSON number as written), or null when absent or JSON null.</summary>
    public string? String(string name)
    {
        if (_json is { } json)
        {
            return json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new TencentException(TencentCodes.InvalidParameter, $"{name} is not a string."),
                }
                : null;
        }
        return _flat!.TryGetValue(name, out var flat) ? flat.ToString() : null;
    }

    /// <summary>A string list (<c>Name.0</c>, <c>Name.1</c>… in flat form): null when absent, refused past <paramref name="max"/>.</summary>
    public List<string>? List(string name, int max, string tooManyCode)
    {
        var list = new List<string>();
        if (_json is { } json)
        {
            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new TencentException(TencentCodes.InvalidParameter, $"{name} is a list of strings.");
            }
            foreach (var item in array.EnumerateArray())
            {
                if (list.Count == max)
                {
                    throw new TencentException(tooManyCode, $"{name} holds at most {max} values.");
                }
                // Numbers as written: some lists are of integers (DescribeSmsTemplateList's TemplateIdSet).
                list.Add(item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString()!,
                    JsonValueKind.Number => item.GetRawText(),
                    _ => throw new TencentException(TencentCodes.InvalidParameter, $"{name} is a list of strings or numbers."),
                });
            }
            return list;
        }
        for (var i = 0; _flat!.TryGetValue($"{name}.{i}", out var value); i++)
        {
            if (list.Count == max)
            {
                throw new TencentException(tooManyCode, $"{name} holds at most {max} values.");
            }
            list.Add(value.ToString());
        }
        return list.Count == 0 && !_flat.ContainsKey(name) ? null : list;
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public long? Integer(string name, long min, long max)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value
            : throw new TencentException(TencentCodes.InvalidParameterValue, $"{name} is a whole number from {min} to {max}.");
    }

    /// <summary>A text value of at most <paramref name="maxLength"/> characters, or null.</summary>
    public string? Bounded(string name, int maxLength) =>
        String(name) is { } value && value.Length > maxLength
            ? throw new TencentException(TencentCodes.InvalidParameterValue, $"{name} is at most {maxLength} characters.")
            : String(name);
}
