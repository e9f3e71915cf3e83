using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Captcha;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Verification;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.WebConsole.Pages.App.Developers;

/// <summary>
/// The limits a tenant's sends are held to (its own per number, the platform's per number, the failed-check lock, the
/// risk signals, its own rate-limit keys, test events), how full its own are where the store can tell (per number on
/// request, since every number has its own counters), and its captcha policy, which owners and developers change
/// through the service <c>PUT /v1/captcha/policy</c> calls.
/// </summary>
public sealed class LimitsModel(
    AppDbContext db, VerificationLimits verificationLimits, TenantWebhooks webhooks, TenantCaptchaPolicies captcha, IOptions<VerificationOptions> verification,
    IOptions<LimitsOptions> limits, TimeProvider clock, IStringLocalizer<ConsoleText> text) : TenantPageModel
{
    public RateWindow[] PerNumber => verification.Value.Windows;

    public LimitsOptions Platform => limits.Value;

    public int ResendCooldownSeconds => verification.Value.ResendCooldownSeconds;

    public List<RateLimitRule> Rules { get; private set; } = [];

    public CaptchaPolicyView Captcha { get; private set; } = null!;

    public int? TestsSent { get; private set; }

    /// <summary>The number looked up, and how full the tenant's windows for it are (null: the store did not answer).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Phone { get; set; }

    public string? LookedUp { get; private set; }

    public (List<LimitFill> Sends, LimitFill WrongCodes)? Fill { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Phone))
        {
            if (PhoneNumberParser.TryParseMobile(Phone, out var e164))
            {
                LookedUp = e164;
                Fill = await verificationLimits.NumberFillAsync(TenantId, e164, clock.UtcNowForStorage(), cancellationToken);
            }
            else
            {
                Message = text["That is not a mobile number."];
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCaptchaAsync(string? policy, CancellationToken cancellationToken)
    {
        var set = await captcha.SetAsync(TenantId, policy, cancellationToken);
        if (set.Error is not { } error)
        {
            return RedirectToPage();
        }
        Message = text["Choose a policy from the list."];
        Response.StatusCode = error.Type.Status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>A window as people say it: "5 per hour".</summary>
    public string Describe(RateWindow window) => window.Length.TotalSeconds switch
    {
        60 => text["{0} per minute", window.Max],
        3600 => text["{0} per hour", window.Max],
        86400 => text["{0} per day", window.Max],
        var seconds => text["{0} per {1} s", window.Max, seconds],
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rules = await db.RateLimitRules.AsNoTracking().Where(r => r.TenantId == TenantId).OrderBy(r => r.Key).ToListAsync(cancellationToken);
        Captcha = await captcha.GetAsync(TenantId, cancellationToken);
        TestsSent = await webhooks.TestsSentAsync(TenantId, cancellationToken);
    }
}
