using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Tenants;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.WebConsole.Pages.App.Sandbox;

/// <summary>
/// The tenant's test numbers, each with its inbox as a phone shows it, kept up to date by a few lines of script that
/// ask <see cref="OnGetInboxAsync"/> for what arrived; owners and developers add and delete numbers and send a test
/// code, which starts a verification exactly as <c>POST /v1/verifications</c> does.
/// </summary>
internal sealed class SandboxModel(SandboxNumbers numbers, VerificationService verifications, TimeProvider clock, IStringLocalizer<ConsoleText> text)
    : TenantPageModel
{
    /// <summary>Inboxes drawn on one page; a tenant allowed more test numbers sees the first ones by number.</summary>
    public const int MaxShown = 50;

    /// <summary>Messages each inbox shows, newest first.</summary>
    public const int InboxSize = 20;

    /// <summary>
    /// How far back each poll looks before the previous one: a message's time is taken before it is committed, so
    /// one committed just after a poll may carry a time before it. The script skips what it already shows.
    /// </summary>
    private static readonly TimeSpan PollOverlap = TimeSpan.FromSeconds(30);

    public List<SandboxNumberView> Numbers { get; private set; } = [];

    public int NumberCount { get; private set; }

    public Dictionary<string, List<PhoneMessage>> Inboxes { get; } = [];

    /// <summary>Where the script's first poll starts (Unix milliseconds).</summary>
    public long Since { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The outcome of "send a test code" when the form was posted without the script.</summary>
    public string? Sent { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>What reached any of the tenant's test numbers since <paramref name="since"/>, and where the next poll starts.</summary>
    public async Task<IActionResult> OnGetInboxAsync(long? since, CancellationToken cancellationToken)
    {
        var from = since is { } ms ? DateTime.UnixEpoch.AddMilliseconds(Math.Max(0, ms)) : NextPoll();
        var next = NextPoll();
        var arrived = await numbers.ArrivedSinceAsync(TenantId, from, cancellationToken);
        return new JsonResult(new { next = UnixMs(next), messages = arrived.ConvertAll(PhoneMessage.From) });
    }

    public async Task<IActionResult> OnPostAddAsync(string? phone, string? fixedCode, CancellationToken cancellationToken)
    {
        var added = await numbers.RegisterAsync(TenantId, phone, string.IsNullOrWhiteSpace(fixedCode) ? null : fixedCode.Trim(), cancellationToken);
        if (added.Error is not { } error)
        {
            return RedirectToPage();
        }
        Message = error.Type == ProblemTypes.InvalidPhone ? text["That is not a mobile number."]
            : error.Type == ProblemTypes.SandboxNumberExists ? text["That number is already one of your test numbers."]
            : error.Type == ProblemTypes.SandboxNumberLimit ? text["Your tenant has as many test numbers as it may; delete one first."]
            : text["A fixed code is 4 to 8 digits, or left empty for a new code each time."];
        Response.StatusCode = error.Type.Status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? phone, CancellationToken cancellationToken) =>
        (await numbers.DeleteAsync(TenantId, phone, cancellationToken)).Error is null ? RedirectToPage() : NotFound();

    /// <summary>
    /// Starts a verification to a test number with the built-in sandbox signature and template. Asked for by the
    /// page's script (Accept: application/json) it answers the outcome as JSON; posted as a plain form, the page again.
    /// </summary>
    public async Task<IActionResult> OnPostSendCodeAsync(string? phone, CancellationToken cancellationToken)
    {
        if (!PhoneNumberParser.TryParseMobile(phone, out var e164) || !await numbers.IsTestNumberAsync(TenantId, e164, cancellationToken))
        {
            return NotFound();
        }
        var started = await verifications.StartAsync(TenantId, User.TenantMode(), new CreateVerificationRequest(e164, null, null, null, null, null), remember: null, cancellationToken);
        var answer = started.Error is { } error ? Refusal(error) : text["Code sent to {0}: it shows in the inbox in a moment.", started.Value!.To].Value;
        Response.StatusCode = started.Error?.Type.Status ?? StatusCodes.Status200OK;
        if (WantsJson)
        {
            return new JsonResult(new { ok = started.Error is null, message = answer, verificationId = started.Value?.Id }) { StatusCode = Response.StatusCode };
        }
        Sent = answer;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private string Refusal(ApiError error) =>
        error.Type == ProblemTypes.ResendTooSoon
            ? text["A code went to this number less than a minute ago; send again in {0} s.", (int)Math.Ceiling(error.RetryAfter?.TotalSeconds ?? 60)]
        : error.Type == ProblemTypes.RateLimited ? text["This number has had as many codes as its limits allow for now; try again later."]
        : error.Type == ProblemTypes.CaptchaRequired ? text["Your captcha policy asks for a captcha with every code, so the console cannot send one."]
        : error.Type == ProblemTypes.TenantSuspended ? text["Your tenant is suspended: nothing can be sent."]
        : text["The code was not sent: {0}", error.Detail];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Since = UnixMs(NextPoll());
        var all = await numbers.ListAsync(TenantId, cancellationToken);
        NumberCount = all.Count;
        Numbers = all.Take(MaxShown).ToList();
        foreach (var number in Numbers)
        {
            Inboxes[number.Phone] = (await numbers.InboxAsync(TenantId, number.Phone, InboxSize, cancellationToken)).Value?.ConvertAll(PhoneMessage.From) ?? [];
        }
    }

    private DateTime NextPoll() => clock.UtcNowForStorage() - PollOverlap;

    private static long UnixMs(DateTime utc) => (long)(utc - DateTime.UnixEpoch).TotalMilliseconds;
}
