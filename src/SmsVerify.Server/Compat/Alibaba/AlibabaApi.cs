using SmsVerify.Server.Compat.Credentials;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// Alibaba Cloud SMS (Dysmsapi 2017-05-25) at <c>/</c>, so that apps on Alibaba's official SDKs move to SmsVerify by
/// changing the endpoint and the AccessKey only (docs/compat-alibaba.md). Each call maps onto the native feature
/// behind it; nothing here decides anything the native API would decide differently.
/// </summary>
internal sealed partial class AlibabaApi(AlibabaAuthentication authentication, ILogger<AlibabaApi> logger) : IRootApi
{
    public const string Version = "2017-05-25";

    public Vendor Vendor => Vendor.Alibaba;

    /// <summary>
    /// ACS3 requests carry <c>x-acs-action</c>; RPC v1 ones <c>Action</c> with <c>AccessKeyId</c> or
    /// <c>SignatureMethod=HMAC-SHA1</c> (Tencent's older scheme also has Action and SignatureMethod, but with
    /// <c>SecretId</c> and <c>HmacSHA…</c>, so it is never taken for ours).
    /// </summary>
    public async ValueTask<bool> RecognisesAsync(HttpRequest request)
    {
        if (request.Headers.ContainsKey("x-acs-action"))
        {
            return true;
        }
        if (IsRpc(request.Query))
        {
            return true;
        }
        return request.HasFormContentType && IsRpc(await request.ReadFormAsync());
    }

    private static bool IsRpc(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> parameters)
    {
        bool action = false, accessKey = false, hmacSha1 = false, tencent = false;
        foreach (var (name, value) in parameters)
        {
            action |= name == "Action";
            accessKey |= name == "AccessKeyId";
            hmacSha1 |= name == "SignatureMethod" && value == "HMAC-SHA1";
            tencent |= name == "SecretId";
        }
        return action && !tencent && (accessKey || hmacSha1);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        try
        {
            var request = await AlibabaRequest.ReadAsync(context.Request, cancellationToken);
            var answer = await AnswerAsync(context, request, requestId, cancellationToken);
            await AlibabaResponses.WriteAsync(context.Response, answer.Status, answer.Body);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, e);
            if (!context.Response.HasStarted)
            {
                await AlibabaResponses.WriteAsync(context.Response, 500, AlibabaResponses.Error(AlibabaError.InternalError, requestId));
            }
        }
    }

    private async Task<(int Status, object Body)> AnswerAsync(HttpContext context, AlibabaRequest request, string requestId, CancellationToken cancellationToken)
    {
        if (request.ParameterCount > AlibabaRequest.MaxParameters)
        {
            return Refuse(AlibabaError.TooManyParameters, requestId);
        }
        var action = context.Request.Headers["x-acs-action"].ToString() is { Length: > 0 } header ? header : request["Action"] ?? "";
        var version = context.Request.Headers["x-acs-version"].ToString() is { Length: > 0 } v ? v : request["Version"];
        if (version is not null && version != Version)
        {
            return Refuse(AlibabaError.InvalidVersion, requestId);
        }
        var (caller, refused) = await authentication.AuthenticateAsync(request, cancellationToken);
        if (refused is not null)
        {
            return Refuse(refused, requestId);
        }
        var services = context.RequestServices;
        var call = new AlibabaCall(caller!, request, requestId, services);
        var outcome = action switch
        {
            "SendSms" => await AlibabaSendSms.SendAsync(call, cancellationToken),
            "SendBatchSms" => await AlibabaSendSms.SendBatchAsync(call, cancellationToken),
            "QuerySendDetails" => await AlibabaQuerySendDetails.QueryAsync(call, cancellationToken),
            _ when AlibabaSignSubmissions.Handles(action) => await AlibabaSignSubmissions.HandleAsync(action, call, cancellationToken),
            _ when AlibabaTemplateSubmissions.Handles(action) => await AlibabaTemplateSubmissions.HandleAsync(action, call, cancellationToken),
            _ => AlibabaTemplates.Handles(action) ? await AlibabaTemplates.HandleAsync(action, call, cancellationToken) : AlibabaError.ActionNotFound(action),
        };
        return outcome.Error is { } error ? Refuse(error, requestId) : (200, outcome.Value!);
    }

    private static (int, object) Refuse(AlibabaError error, string requestId) => (error.Status, AlibabaResponses.Error(error, requestId));

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "An Alibaba-compatible call failed unexpectedly.")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
