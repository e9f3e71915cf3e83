using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Compat.Credentials;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole.Pages.App.Developers;

/// <summary>
/// The tenant's API keys and vendor-compatible credentials. Owners and developers make and revoke them through the
/// services <c>/v1/api-keys</c> and <c>/v1/api-credentials</c> call; a new secret is in the answer to that one post
/// (never stored, never cached) and nowhere else.
/// </summary>
public sealed class DevelopersModel(TenantApiKeys keys, TenantVendorCredentials credentials, IStringLocalizer<ConsoleText> text) : TenantPageModel
{
    public List<ApiKeyView> Keys { get; private set; } = [];

    public List<ApiCredentialView> Credentials { get; private set; } = [];

    /// <summary>The key just made, shown this once.</summary>
    public CreatedApiKey? NewKey { get; private set; }

    /// <summary>The credential just made, its secret shown this once.</summary>
    public CreatedApiCredential? NewCredential { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateKeyAsync(CancellationToken cancellationToken)
    {
        NewKey = await keys.CreateAsync(TenantId, cancellationToken);
        return await ShowSecretAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await keys.DeleteAsync(TenantId, id, cancellationToken) is not { } error)
        {
            return RedirectToPage();
        }
        if (error.Type == ProblemTypes.ApiKeyNotFound)
        {
            return NotFound();
        }
        return await RefuseAsync(error, text["This is your tenant's last API key: make another one first."], cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateCredentialAsync(string? vendor, CancellationToken cancellationToken)
    {
        var created = await credentials.CreateAsync(TenantId, vendor, cancellationToken);
        if (created.Error is { } error)
        {
            return await RefuseAsync(error, error.Type == ProblemTypes.TooManyApiCredentials
                ? text["Your tenant holds {0} credentials in force already: revoke one first.", TenantVendorCredentials.MaxInForce]
                : text["Choose Alibaba, Tencent or Twilio."], cancellationToken);
        }
        NewCredential = created.Value;
        return await ShowSecretAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeCredentialAsync(Guid id, CancellationToken cancellationToken) =>
        await credentials.RevokeAsync(TenantId, id, cancellationToken) is null ? RedirectToPage() : NotFound();

    /// <summary>The page with the new secret, which no cache may keep.</summary>
    private async Task<IActionResult> ShowSecretAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> RefuseAsync(ApiError error, string message, CancellationToken cancellationToken)
    {
        Message = message;
        Response.StatusCode = error.Type.Status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Keys = await keys.ListAsync(TenantId, cancellationToken);
        Credentials = await credentials.ListAsync(TenantId, cancellationToken);
    }
}
