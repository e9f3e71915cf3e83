using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace SmsVerify.Server.Infrastructure.Problems;

/// <summary>
/// Says in the API's own words why the framework could not bind a request. The framework's messages name C# types
/// and parameters (<c>Failed to bind parameter "Nullable&lt;int&gt; limit"</c>, <c>could not be converted to
/// SmsVerify.Server.…Request</c>) and call every failure a body problem; a client needs the field, the value and the
/// JSON type it should have been.
/// </summary>
internal static partial class UnreadableRequests
{
    public static ApiError Describe(BadHttpRequestException exception, HttpContext context)
    {
        if (exception.InnerException is JsonException json)
        {
            return ProblemTypes.InvalidBody.With(DescribeJson(json, context));
        }
        var message = exception.Message;
        if (BindFailed().Match(message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            var expected = ParameterTypes.GetValueOrDefault(bind.Groups["type"].Value.Replace("Nullable<", "").TrimEnd('>', '?'));
            return ProblemTypes.Invalid(name, $"'{Echo.Truncate(bind.Groups["value"].Value)}' is not a valid {name}"
                + (expected is null ? "." : $": expected {Kind(expected)}."));
        }
        if (RequiredMissing().Match(message) is { Success: true, Groups: var missing } && missing["source"].Value != "body")
        {
            return ProblemTypes.Invalid(missing["name"].Value, $"{missing["name"].Value} is required.");
        }
        return ProblemTypes.InvalidBody.With(message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? "The request needs a JSON body."
            : "The request could not be read.");
    }

    /// <summary>
    /// What the endpoint reads, from the media types it declares. Routing has already swapped the endpoint for its
    /// own 415 one, so the endpoints of this path and method are looked up again (this runs only for refusals).
    /// </summary>
    public static string ExpectedMediaType(HttpContext context)
    {
        var request = context.Request;
        var types = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(request.Method) == true)
            .Where(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText ?? ""), []).TryMatch(request.Path, []))
            .SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])
            .Distinct().ToList();
        return types.Count > 0 ? $"Send the body as {string.Join(" or ", types)}." : "Send the body as application/json.";
    }

    // System.Text.Json names the type it was filling, often the request record rather than the field's type, so the
    // expected type is looked up from the path on the endpoint's request type instead.
    private static string DescribeJson(JsonException json, HttpContext context)
    {
        var wrongType = json.Message.Contains("could not be converted", StringComparison.Ordinal);
        if (json.Path is null or "$")
        {
            return wrongType ? "The body has the wrong JSON type: expected an object." : "The body is not valid JSON.";
        }
        var at = $"The body at '{json.Path}'";
        if (!wrongType)
        {
            return $"{at} is not valid JSON.";
        }
        return ExpectedAt(json, context) is { } type ? $"{at} has the wrong JSON type: expected {Kind(type)}." : $"{at} has the wrong JSON type.";
    }

    private static Type? ExpectedAt(JsonException json, HttpContext context)
    {
        var named = ConvertedTo().Match(json.Message) is { Success: true } match
            ? typeof(UnreadableRequests).Assembly.GetType(match.Groups["type"].Value) ?? Type.GetType(match.Groups["type"].Value)
            : null;
        if (named is not null && (named.IsPrimitive || named.IsEnum || named == typeof(string) || Nullable.GetUnderlyingType(named) is not null))
        {
            return named;
        }
        return PropertyAt(named, json.Path!) ?? PropertyAt(named, "$." + json.Path!.Split('.')[^1])
            ?? PropertyAt(context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, json.Path!);
    }

    /// <summary>The type of the property a simple path (<c>$.a.b</c>) leads to; null for array elements or anything unknown.</summary>
    private static Type? PropertyAt(Type? type, string path)
    {
        foreach (var name in path[2..].Split('.'))
        {
            type = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        }
        return type;
    }

    private static readonly Dictionary<string, Type> ParameterTypes = new(StringComparer.Ordinal)
    {
        ["int"] = typeof(int),
        ["long"] = typeof(long),
        ["short"] = typeof(short),
        ["byte"] = typeof(byte),
        ["decimal"] = typeof(decimal),
        ["double"] = typeof(double),
        ["float"] = typeof(float),
        ["bool"] = typeof(bool),
        ["string"] = typeof(string),
        ["Guid"] = typeof(Guid),
        ["DateTimeOffset"] = typeof(DateTimeOffset),
        ["DateTime"] = typeof(DateTime),
    };

    private static string Kind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(Guid) => "a UUID",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an ISO 8601 time",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName)),
            { IsPrimitive: true } => "a whole number",
            _ when typeof(IDictionary).IsAssignableFrom(type) || type.Name.StartsWith("IReadOnlyDictionary", StringComparison.Ordinal) => "an object",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "an array",
            _ => "an object",
        };
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>[^"]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex(@"could not be converted to (?<type>[^ ]+?)\. Path")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("""^Required parameter "(?<type>\S+) (?<name>[^"]+)" was not provided from (?<source>\w+)""")]
    private static partial Regex RequiredMissing();
}
