using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// One Dysmsapi call as it arrived: its parameters, decoded, from the query (where the official SDKs put them) and from
/// an <c>application/x-www-form-urlencoded</c> body (where hand-written RPC clients put them), and the body's bytes,
/// which ACS3 signs by hash.
/// </summary>
internal sealed class AlibabaRequest
{
    /// <summary>No Dysmsapi call has more than about twenty parameters, signing ones included.</summary>
    public const int MaxParameters = 64;

    private AlibabaRequest(HttpRequest http, Dictionary<string, StringValues> form, byte[] body)
    {
        Http = http;
        Form = form;
        Body = body;
    }

    public HttpRequest Http { get; }
    public Dictionary<string, StringValues> Form { get; }
    public byte[] Body { get; }
    public IQueryCollection Query => Http.Query;

    /// <summary>A parameter's first value, from the query or else the form; null when absent.</summary>
    public string? this[string name] =>
        Query.TryGetValue(name, out var fromQuery) && fromQuery.Count > 0 ? fromQuery[0]
        : Form.TryGetValue(name, out var fromForm) && fromForm.Count > 0 ? fromForm[0]
        : null;

    public int ParameterCount => Query.Count + Form.Count;

    /// <summary>Every parameter, query then form, each value on its own: what the RPC signature covers.</summary>
    public IEnumerable<KeyValuePair<string, string>> AllParameters() =>
        Pairs(Query).Concat(Pairs(Form));

    public static IEnumerable<KeyValuePair<string, string>> Pairs(IEnumerable<KeyValuePair<string, StringValues>> source)
    {
        foreach (var (key, values) in source)
        {
            foreach (var value in values)
            {
                yield return new(key, value ?? "");
            }
        }
    }

    /// <summary>Reads the body (the dispatcher buffered it, at most <see cref="RootApis.MaxBodyBytes"/>).</summary>
    public static async Task<AlibabaRequest> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var body = Array.Empty<byte>();
        if (http.ContentLength is not 0)
        {
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        var form = body.Length > 0 && http.HasFormContentType
            ? QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body))
            : [];
        return new AlibabaRequest(http, form, body);
    }
}
