using System.Text.Json.Nodes;
using SmsVerify.Server.Compat.Alibaba;
using SmsVerify.Server.Compat.Credentials;
using SmsVerify.Server.Compat.Tencent;
using SmsVerify.Server.Compat.Twilio;

namespace SmsVerify.Server.Compat.Serving;

/// <summary>
/// A request a vendor's own port does not serve, answered in that vendor's shape: its SDK raises its usual error for
/// it, rather than failing to parse a native problem body.
/// </summary>
internal static class VendorNotFound
{
    public static Task WriteAsync(Vendor vendor, HttpContext context) => vendor switch
    {
        Vendor.Alibaba => AlibabaResponses.WriteAsync(context.Response, 404, AlibabaResponses.Error(
            AlibabaError.ActionNotFound(context.Request.Path.Value ?? "/"), Guid.NewGuid().ToString("D").ToUpperInvariant())),
        // Tencent answers every call with HTTP 200 and the error inside Response, as TencentApi does.
        Vendor.Tencent => WriteTencentAsync(context),
        _ => TwilioErrors.NotFoundAt(context.Request).ExecuteAsync(context),
    };

    private static Task WriteTencentAsync(HttpContext context)
    {
        var error = new JsonObject { ["Code"] = TencentCodes.InvalidAction, ["Message"] = "This port serves Tencent Cloud SMS 2021-01-11 calls at / only." };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var body = new JsonObject { ["Response"] = new JsonObject { ["Error"] = error, ["RequestId"] = Guid.NewGuid().ToString() } };
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
