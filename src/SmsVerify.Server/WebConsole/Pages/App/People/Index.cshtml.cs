using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.TenantPeople;

namespace SmsVerify.Server.WebConsole.Pages.App.People;

/// <summary>The tenant's people, for its owners: invite by a one-time link, change roles, disable, require the second factor.</summary>
public sealed class PeopleModel(TenantUserAccounts accounts, TenantInvitations invitations, IStringLocalizer<ConsoleText> text) : TenantPageModel
{
    protected override string ChangesNeed => TenantConsoleAuth.Owner;

    public List<TenantUserView> People { get; private set; } = [];

    public List<InvitationView> Invitations { get; private set; } = [];

    public bool RequireSecondFactor { get; private set; }

    public InvitationLink? Link { get; private set; }

    /// <summary>The invitation link with this server's address, as the person will open it.</summary>
    public string AbsoluteLink => $"{Request.Scheme}://{Request.Host}{Link?.Link}";

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(string? email, string? role, CancellationToken cancellationToken)
    {
        var invited = await invitations.InviteAsync(TenantId, email, role, cancellationToken);
        Link = invited.Value;
        return await ShowAsync(invited.Error, cancellationToken);
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role, CancellationToken cancellationToken) =>
        await AnswerAsync((await accounts.ChangeRoleAsync(TenantId, id, role, UserId, cancellationToken)).Error, cancellationToken);

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync((await accounts.DisableAsync(TenantId, id, UserId, cancellationToken)).Error, cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync((await accounts.EnableAsync(TenantId, id, UserId, cancellationToken)).Error, cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken) =>
        await invitations.RevokeAsync(TenantId, id, cancellationToken) ? RedirectToPage() : NotFound();

    public async Task<IActionResult> OnPostRequireAsync(bool required, CancellationToken cancellationToken)
    {
        await accounts.SetRequireSecondFactorAsync(TenantId, required, cancellationToken);
        return RedirectToPage();
    }

    private async Task<IActionResult> AnswerAsync(ApiError? error, CancellationToken cancellationToken) =>
        error is null ? RedirectToPage()
        : error.Type == ProblemTypes.TenantUserNotFound ? NotFound()
        : await ShowAsync(error, cancellationToken);

    private async Task<IActionResult> ShowAsync(ApiError? error, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            Message = error.Type == ProblemTypes.TenantUserExists ? text["This address already signs in to SmsVerify."]
                : error.Type == ProblemTypes.TenantUserSelfChange ? text["You may not disable your own account or change your own role; ask another owner."]
                : error.Type == ProblemTypes.TenantLastOwner ? text["This is the last enabled owner: make another owner first."]
                : text["Type an e-mail address and choose a role."];
            Response.StatusCode = error.Type.Status;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        People = await accounts.ListAsync(TenantId, cancellationToken);
        Invitations = await invitations.ListOpenAsync(TenantId, cancellationToken);
        RequireSecondFactor = await accounts.RequiresSecondFactorAsync(TenantId, cancellationToken);
    }
}
