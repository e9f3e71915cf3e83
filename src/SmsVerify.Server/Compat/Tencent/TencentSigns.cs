using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Review;
using SmsVerify.Server.Signatures;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>
/// Tencent's signature calls onto <see cref="SignatureSubmissions"/>, the same review as <c>POST /v1/signatures</c>.
/// <c>SignType</c> 0 is a company name, 1 an app, 2 a website. Refused, with the way to do it on <c>/v1/signatures</c>:
/// 3 and 5 (official accounts, government bodies), 4 (a trademark needs its registration number, which Tencent does
/// not send) and signatures for others (<c>SignPurpose</c> 1, which need a power of attorney). <c>ProofImage</c> is
/// the business licence or a screenshot, which the tenant's qualification and landing applications already prove,
/// so it is not kept. <c>SignId</c> is the signature's source-number extension: unique
/// digits SmsVerify already gives each signature.
/// </summary>
internal sealed class TencentSigns(AppDbContext db, SignatureSubmissions submissions, TimeProvider clock)
{
    public const int MaxIds = 100;

    /// <summary>A proof image as base64: 5 MB, as Tencent allows, is about 7 million characters.</summary>
    public const int MaxProofImageLength = 7 * 1024 * 1024;

    private const string SignIdNotExist = "FailedOperation.SignIdNotExist";

    public async Task<JsonObject> AddAsync(TencentCall call, CancellationToken cancellationToken)
    {
        var p = call.Parameters;
        var name = p.Bounded("SignName", SignatureForm.MaxNameLength) ?? throw Missing("SignName");
        var signType = p.Integer("SignType", 0, 5) ?? throw Missing("SignType");
        p.Integer("DocumentType", 0, 12);
        p.Bounded("Remark", 512);
        if (p.Integer("International", 0, 1) == 1)
        {
            throw new TencentException(TencentCodes.UnsupportedOperation, "International signatures are not served: International is 0.");
        }
        if (p.Integer("SignPurpose", 0, 2) is 1 or 2)
        {
            throw new TencentException(TencentCodes.UnsupportedOperation,
                "A signature for another party needs a power of attorney: submit it through POST /v1/signatures with source authorization.");
        }
        var source = signType switch
        {
            0 => "company",
            1 => "app",
            2 => "website",
            4 => throw new TencentException(TencentCodes.UnsupportedOperation,
                "A trademark signature needs its registration number, which AddSmsSign does not carry: submit it through POST /v1/signatures."),
            _ => throw new TencentException(TencentCodes.UnsupportedOperation, "SignType is 0 (company), 1 (app) or 2 (website) here."),
        };
        // Read for its bound: the business licence or screenshot it holds is what the qualification and landing applications prove.
        _ = p.Bounded("ProofImage", MaxProofImageLength) ?? throw Missing("ProofImage");
        var form = new SignatureForm { Name = name, Source = source, Purpose = "general" };
        var submitted = await submissions.SubmitAsync(call.Caller.TenantId, form, cancellationToken);
        if (submitted.Error is { } error)
        {
            throw new TencentException(TencentErrors.For(error).Code, error.Detail);
        }
        var id = long.Parse(submitted.Value!.Extension, CultureInfo.InvariantCulture);
        return TencentApi.ToNode(new { AddSignStatus = new { SignId = id, SignApplyId = id } });
    }

    public async Task<JsonObject> DescribeAsync(TencentCall call, CancellationToken cancellationToken)
    {
        var ids = call.Parameters.List("SignIdSet", MaxIds, TencentCodes.InvalidParameterValue) ?? throw Missing("SignIdSet");
        call.Parameters.Integer("International", 0, 1);
        var tenantId = call.Caller.TenantId;
        var signatures = await db.Signatures.AsNoTracking().Where(s => s.TenantId == tenantId && ids.Contains(s.Extension))
            .OrderBy(s => s.SubmittedAt).ToListAsync(cancellationToken);
        return TencentApi.ToNode(new
        {
            DescribeSignListStatusSet = signatures.ConvertAll(s => new
            {
                SignId = long.Parse(s.Extension, CultureInfo.InvariantCulture),
                International = 0,
                StatusCode = s.Status switch { ReviewStatus.Approved => 0, ReviewStatus.Rejected => -1, _ => 1 },
                ReviewReply = s.DecisionNote ?? string.Join(" ", s.Findings.Where(f => f.Severity == Finding.Error).Select(f => f.Message)),
                SignName = s.Name,
                CreateTime = new DateTimeOffset(DateTime.SpecifyKind(s.SubmittedAt, DateTimeKind.Utc)).ToUnixTimeSeconds(),
            }),
        });
    }

    public async Task<JsonObject> DeleteAsync(TencentCall call, CancellationToken cancellationToken)
    {
        var signId = call.Parameters.Bounded("SignId", 12) ?? throw Missing("SignId");
        var tenantId = call.Caller.TenantId;
        var id = await db.Signatures.AsNoTracking().Where(s => s.TenantId == tenantId && s.Extension == signId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is not { } found || !await submissions.DeleteAsync(tenantId, found, cancellationToken))
        {
            throw new TencentException(SignIdNotExist, $"Your tenant has no signature {signId}.");
        }
        return TencentApi.ToNode(new { DeleteSignStatus = new { DeleteStatus = "return successfully", DeleteTime = clock.GetUtcNow().ToUnixTimeSeconds() } });
    }

    private static TencentException Missing(string name) => new(TencentCodes.MissingParameter, $"{name} is required.");
}
