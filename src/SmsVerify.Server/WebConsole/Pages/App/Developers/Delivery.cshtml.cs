using Microsoft.AspNetCore.Mvc;
using SmsVerify.Server.Webhooks;

namespace SmsVerify.Server.WebConsole.Pages.App.Developers;

/// <summary>One webhook delivery of the tenant as stored: its attempts, last answer, next attempt and the body it posts. Another tenant's id is 404.</summary>
public sealed class DeliveryModel(TenantWebhooks webhooks) : TenantPageModel
{
    public WebhookDelivery Delivery { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await webhooks.DeliveryAsync(TenantId, id, cancellationToken) is not { } delivery)
        {
            return NotFound();
        }
        Delivery = delivery;
        return Page();
    }
}
