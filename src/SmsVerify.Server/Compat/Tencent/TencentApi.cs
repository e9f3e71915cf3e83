using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using SmsVerify.Server.Compat.Credentials;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>
/// Tencent Cloud SMS 2021-01-11 at <c>/</c> (docs/compat-tencent.md): the official SDKs, given this server as their
/// endpoint, authenticate as a tenant's Tencent credential and send through the one pipeline. Every answer is HTTP
/// 200 with <c>{"Response":{…,"RequestId"}}</c>, errors in <c>Response.Error</c>: the SDK ignores other statuses' bodies.
/// </summary>
internal sealed partial class TencentApi(TencentAuthentication authentication, ILogger<TencentApi> logger) : IRootApi
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Vendor Vendor => Vendor.Tencent;

    /// <summary>
    /// TC3 requests carry <c>X-TC-Action</c>. The older scheme carries <c>Action</c> with <c>SecretId</c> and
    /// <c>Signature</c>/<c>SignatureMethod</c>; Alibaba's RPC scheme also has <c>Action</c> and <c>SignatureMethod</c>,
    /// but names its key <c>AccessKeyId</c> and never <c>SecretId</c>, and its newer scheme sends <c>x-acs-*</c> headers.
    /// </summary>
    public async ValueTask<bool> RecognisesAsync(HttpRequest request)
    {
        if (request.Headers.ContainsKey("X-TC-Action"))
        {
            return true;
        }
        if (request.Headers.Keys.Any(h => h.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        var flat = await FlatParametersAsync(request);
        return flat.ContainsKey("Action") && flat.ContainsKey("SecretId") && (flat.ContainsKey("Signature") || flat.ContainsKey("SignatureMethod"))
            && !flat.ContainsKey("AccessKeyId");
    }

    /// <summary>The parameters of a form body (POST) or of the query (GET): where the older scheme and TC3 GET put them.</summary>
    public static async Task<IReadOnlyDictionary<string, StringValues>> FlatParametersAsync(HttpRequest request)
    {
        IEnumerable<KeyValuePair<string, StringValues>> source = request.Method == HttpMethods.Post && request.HasFormContentType
            ? await request.ReadFormAsync()
            : request.Query;
        return source.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        JsonObject response;
        try
        {
            var call = await authentication.AuthenticateAsync(context.Request, context.RequestAborted);
            var services = context.RequestServices;
            response = call.Action switch
            {
                "SendSms" => await services.GetRequiredService<TencentSendSms>().SendAsync(call, context.RequestAborted),
                "PullSmsSendStatus" => await services.GetRequiredService<TencentSendStatus>().PullAsync(call, context.RequestAborted),
                "PullSmsReplyStatus" => await services.GetRequiredService<TencentReplyStatus>().PullAsync(call, context.RequestAborted),
                "AddSmsTemplate" => await services.GetRequiredService<TencentTemplates>().AddAsync(call, context.RequestAborted),
                "DescribeSmsTemplateList" => await services.GetRequiredService<TencentTemplates>().DescribeAsync(call, context.RequestAborted),
                "DeleteSmsTemplate" => await services.GetRequiredService<TencentTemplates>().DeleteAsync(call, context.RequestAborted),
                "AddSmsSign" => await services.GetRequiredService<TencentSigns>().AddAsync(call, context.RequestAborted),
                "DescribeSmsSignList" => await services.GetRequiredService<TencentSigns>().DescribeAsync(call, context.RequestAborted),
                "DeleteSmsSign" => await services.GetRequiredService<TencentSigns>().DeleteAsync(call, context.RequestAborted),
                _ => throw new TencentException(TencentCodes.InvalidAction, $"Action {Truncate(call.Action)} is not served here (see docs/compat-tencent.md)."),
            };
        }
        catch (TencentException e)
        {
            Log.Refused(logger, e.Code, requestId);
            response = new JsonObject { ["Error"] = new JsonObject { ["Code"] = e.Code, ["Message"] = e.Message } };
        }
        response["RequestId"] = requestId;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["Response"] = response }.ToJsonString(Json), context.RequestAborted);
    }

    public static JsonObject ToNode<T>(T value) => (JsonObject)JsonSerializer.SerializeToNode(value, Json)!;

    private static string Truncate(string text) => text.Length > 64 ? text[..64] + "…" : text;

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Tencent API call refused with {Code} (RequestId {RequestId})")]
        public static partial void Refused(ILogger logger, string code, string requestId);
    }
}
