using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.WebConsole.Pages.App.Developers;

/// <summary>
/// The tenant's webhook: its URL and events, a new secret (shown once), a test event, and the recent deliveries. Every
/// change goes through <see cref="TenantWebhooks"/>, the service <c>/v1/webhooks</c> calls, so both refuse alike.
/// </summary>
public sealed class WebhookModel(TenantWebhooks webhooks, AuditTrail audit, IOptions<WebhookOptions> options, IStringLocalizer<ConsoleText> text)
    : TenantPageModel
{
    public WebhookView? Webhook { get; private set; }

    public List<DeliveryView> Deliveries { get; private set; } = [];

    /// <summary>The secret just made (a first URL, or a rotation), shown this once.</summary>
    public string? NewSecret { get; private set; }

    /// <summary>Why the service refused the form, shown next to the field it names (<c>url</c>, <c>events</c>).</summary>
    public FormProblem? Problem { get; private set; }

    /// <summary>What "send a test event" did, when posted without the script.</summary>
    public string? Sent { get; private set; }

    public bool AllowsHttp => options.Value.AllowHttp;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(string? url, List<string>? events, CancellationToken cancellationToken)
    {
        var current = await webhooks.GetAsync(TenantId, cancellationToken);
        var set = await webhooks.SetAsync(TenantId, new SetWebhookRequest(url?.Trim(), events ?? [], current?.Format), cancellationToken);
        if (set.Error is { } error)
        {
            Problem = FormProblem.From(error);
            Response.StatusCode = error.Type.Status;
            await LoadAsync(cancellationToken);
            return Page();
        }
        return await ShowSecretAsync(set.Value!.Secret, cancellationToken);
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        var rotated = await webhooks.RotateSecretAsync(TenantId, cancellationToken);
        return rotated.Error is null ? await ShowSecretAsync(rotated.Value!.Secret, cancellationToken) : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(TenantId, cancellationToken) is null ? RedirectToPage() : NotFound();

    /// <summary>
    /// A <c>webhook.test</c> event, as <c>POST /v1/webhooks/test</c> sends it. Asked for by the page's script (Accept:
    /// application/json) it answers the outcome as JSON; posted as a plain form, the page again.
    /// </summary>
    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        var sent = await webhooks.SendTestAsync(TenantId, audit.CurrentActor, cancellationToken);
        var answer = sent.Error is not { } error ? text["Test event queued: it shows in the deliveries below once posted."].Value
            : error.Type == ProblemTypes.WebhookTestTooSoon
                ? text["At most {0} test events a minute; send the next in {1} s.", TenantWebhooks.TestWindow[0].Max, (int)Math.Ceiling(error.RetryAfter?.TotalSeconds ?? 60)].Value
            : text["Set a webhook URL first."].Value;
        Response.StatusCode = sent.Error?.Type.Status ?? StatusCodes.Status202Accepted;
        if (WantsJson)
        {
            return new JsonResult(new { ok = sent.Error is null, message = answer, deliveryId = sent.Value?.Id }) { StatusCode = Response.StatusCode };
        }
        Sent = answer;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ShowSecretAsync(string? secret, CancellationToken cancellationToken)
    {
        if (secret is null)
        {
            return RedirectToPage();
        }
        NewSecret = secret;
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Webhook = await webhooks.GetAsync(TenantId, cancellationToken);
        Deliveries = await webhooks.DeliveriesAsync(TenantId, TenantWebhooks.MaxDeliveries, cancellationToken);
    }
}
