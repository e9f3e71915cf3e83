using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Signatures;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// Alibaba's <c>AddSmsSign</c> and <c>DeleteSmsSign</c> onto <see cref="SignatureSubmissions"/>, the same review as
/// <c>POST /v1/signatures</c>. <c>SignSource</c> 0 is a company name, 1 a website, 2 an app, 4 a mini-program (3 and 5,
/// official accounts and e-commerce stores, have no native source and are refused). <c>SignFileList</c> carries
/// Alibaba's business licence, which SmsVerify holds once as the tenant's qualification: it is accepted and not kept.
/// </summary>
internal static class AlibabaSignSubmissions
{
    public static bool Handles(string action) => action is "AddSmsSign" or "DeleteSmsSign";

    public static Task<AlibabaOutcome> HandleAsync(string action, AlibabaCall call, CancellationToken cancellationToken) =>
        action == "AddSmsSign" ? AddAsync(call, cancellationToken) : DeleteAsync(call, cancellationToken);

    private static async Task<AlibabaOutcome> AddAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        if (call["SignName"] is not { Length: > 0 } name)
        {
            return AlibabaError.Missing("SignName");
        }
        if (name.Length > SignatureForm.MaxNameLength || call["Remark"] is { Length: > 512 })
        {
            return AlibabaError.Business(AlibabaCodes.ParamLengthLimit, $"SignName is at most {SignatureForm.MaxNameLength} characters, Remark 512.");
        }
        var source = call["SignSource"] switch
        {
            "0" => "company",
            "1" => "website",
            "2" => "app",
            "4" => "miniprogram",
            null or "" => null,
            _ => "",
        };
        if (source is null)
        {
            return AlibabaError.Missing("SignSource");
        }
        if (source.Length == 0)
        {
            return AlibabaError.Business(AlibabaCodes.InvalidParameters,
                "SignSource is 0 (company), 1 (website), 2 (app) or 4 (mini-program); official accounts and stores are not signature sources here.");
        }
        // Alibaba's SignType 0 is verification codes only, 1 general: the native purposes.
        var purpose = call["SignType"] == "0" ? "verification" : "general";
        var form = new SignatureForm { Name = name, Source = source, Purpose = purpose };
        var submitted = await call.Services.GetRequiredService<SignatureSubmissions>().SubmitAsync(call.Caller.TenantId, form, cancellationToken);
        return submitted.Error is { } error
            ? AlibabaCodes.For(error)
            : AlibabaOutcome.Ok(new SignResponse(call.RequestId, AlibabaCodes.Ok, "OK", submitted.Value!.Name));
    }

    /// <summary>Deletes the tenant's newest signature of that name, the one QuerySmsSign shows.</summary>
    private static async Task<AlibabaOutcome> DeleteAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        if (call["SignName"] is not { Length: > 0 } name)
        {
            return AlibabaError.Missing("SignName");
        }
        var tenantId = call.Caller.TenantId;
        var id = await call.Services.GetRequiredService<AppDbContext>().Signatures.AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.Name == name).OrderByDescending(s => s.SubmittedAt).ThenByDescending(s => s.Id).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found && await call.Services.GetRequiredService<SignatureSubmissions>().DeleteAsync(tenantId, found, cancellationToken)
            ? AlibabaOutcome.Ok(new SignResponse(call.RequestId, AlibabaCodes.Ok, "OK", name))
            : AlibabaError.Business(AlibabaCodes.SignatureIllegal, "Your tenant has no signature with this SignName.");
    }

    internal sealed record SignResponse(string RequestId, string Code, string Message, string SignName);
}
