using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.SmppGateway;

namespace SmsVerify.Server.WebConsole.Pages.App.Developers;

/// <summary>
/// The tenant's SMPP accounts, for its own gateways binding to the SMPP listener, and where that listener is. Owners
/// and developers make, change, re-password and delete them through <see cref="SmppAccounts"/>, the service
/// <c>/v1/smpp/accounts</c> calls, so both refuse alike; a password is in the answer to the post that made it (never
/// cached) and nowhere else.
/// </summary>
public sealed class SmppModel(SmppAccounts accounts, SmppListener listener, IOptions<SmppListenerOptions> options) : TenantPageModel
{
    public List<SmppAccountView> Accounts { get; private set; } = [];

    /// <summary>The account being changed (<c>?id=</c>); null: the editor makes a new one.</summary>
    public SmppAccountView? Editing { get; private set; }

    public SmppAccountForm Draft { get; private set; } = SmppAccountForm.New();

    /// <summary>Why the service refused the editor, shown next to the field it names.</summary>
    public FormProblem? Problem { get; private set; }

    /// <summary>The account just made or re-passworded, its password shown this once.</summary>
    public SmppAccountView? NewPassword { get; private set; }

    /// <summary>Whether that password replaced another (whose binds were closed) rather than came with a new account.</summary>
    public bool PasswordReset { get; private set; }

    public SmppListenerOptions Listener => options.Value;

    /// <summary>
    /// The host a gateway dials: the listener's own address, or, when it listens on every address, the name this
    /// console was reached by (the SMPP port is on the same machine).
    /// </summary>
    public string Host => IPAddress.TryParse(Listener.Address, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        ? Request.Host.Host
        : Listener.Address;

    public bool LoopbackOnly => IPAddress.TryParse(Listener.Address, out var address) && IPAddress.IsLoopback(address);

    /// <summary>The port this node listens on (the real one when the configuration says 0, as the tests do).</summary>
    public int Port => listener.EndPoint?.Port ?? Listener.Port;

    /// <summary>SMPP over TLS, only with a certificate configured.</summary>
    public int? TlsPort => Listener.CertificatePath is null ? null : listener.TlsEndPoint?.Port ?? Listener.TlsPort;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } editing && CanChange)
        {
            Editing = await accounts.GetAsync(TenantId, editing, cancellationToken);
            if (Editing is null)
            {
                return NotFound();
            }
            Draft = SmppAccountForm.From(Editing);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid? id, SmppAccountForm form, CancellationToken cancellationToken)
    {
        var saved = id is { } editing
            ? await accounts.UpdateAsync(TenantId, editing, form.ToRequest(), cancellationToken)
            : await accounts.CreateAsync(TenantId, form.ToRequest(), cancellationToken);
        if (saved.Error is { } error)
        {
            if (error.Type == ProblemTypes.SmppAccountNotFound)
            {
                return NotFound();
            }
            Problem = FormProblem.From(error);
            Response.StatusCode = error.Type.Status;
            Draft = form;
            Editing = id is { } again ? await accounts.GetAsync(TenantId, again, cancellationToken) : null;
            await LoadAsync(cancellationToken);
            return Page();
        }
        return id is null ? await ShowPasswordAsync(saved.Value!, cancellationToken) : RedirectToPage(null, null, null, "accounts");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id, CancellationToken cancellationToken)
    {
        var reset = await accounts.ResetPasswordAsync(TenantId, id, cancellationToken);
        if (reset.Error is not null)
        {
            return NotFound();
        }
        PasswordReset = true;
        return await ShowPasswordAsync(reset.Value!, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await accounts.DeleteAsync(TenantId, id, cancellationToken) is null ? RedirectToPage(null, null, null, "accounts") : NotFound();

    /// <summary>The page with the new password, which no cache may keep.</summary>
    private async Task<IActionResult> ShowPasswordAsync(SmppAccountView account, CancellationToken cancellationToken)
    {
        NewPassword = account;
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Accounts = await accounts.ListAsync(TenantId, cancellationToken);
}
