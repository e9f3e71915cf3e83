using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Operators;

namespace SmsVerify.Server.WebConsole.Pages.Operators;

/// <summary>
/// The people who sign in to the console, for an admin: create an account (its TOTP secret shown once, on the
/// answer to the form, never again), change a role, disable or enable an account, reset a lost second factor.
/// </summary>
public sealed class OperatorsIndexModel(OperatorAccounts accounts, IStringLocalizer<ConsoleText> text) : PageModel
{
    public List<OperatorView> Accounts { get; private set; } = [];

    /// <summary>Set on the answer that created an account or reset its second factor: shown this once.</summary>
    public EnrolledOperator? Enrolled { get; private set; }

    public string? Message { get; private set; }

    public Guid? Me => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Accounts = await accounts.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? userName, string? displayName, string? role, string? password, CancellationToken cancellationToken)
    {
        var created = await accounts.CreateAsync(new CreateOperatorRequest(Bounded(userName), Bounded(displayName), role, password), cancellationToken);
        return await ShowAsync(created.Error, created.Value, cancellationToken);
    }

    public async Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken cancellationToken)
    {
        var reset = await accounts.ResetSecondFactorAsync(id, cancellationToken);
        return await ShowAsync(reset.Error, reset.Value, cancellationToken);
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role, CancellationToken cancellationToken) =>
        await ChangedAsync((await accounts.ChangeRoleAsync(id, role, Me, cancellationToken)).Error, cancellationToken);

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken) =>
        await ChangedAsync((await accounts.DisableAsync(id, Me, cancellationToken)).Error, cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken) =>
        await ChangedAsync((await accounts.EnableAsync(id, cancellationToken)).Error, cancellationToken);

    /// <summary>The page again with the new secret, never a redirect: the secret must not sit in a URL or be shown twice.</summary>
    private async Task<IActionResult> ShowAsync(ApiError? error, EnrolledOperator? enrolled, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            return await RefusedAsync(error, cancellationToken);
        }
        Response.Headers.CacheControl = "no-store";
        Enrolled = enrolled;
        Accounts = await accounts.ListAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ChangedAsync(ApiError? error, CancellationToken cancellationToken) =>
        error is null ? RedirectToPage() : await RefusedAsync(error, cancellationToken);

    private async Task<IActionResult> RefusedAsync(ApiError error, CancellationToken cancellationToken)
    {
        if (error.Type == ProblemTypes.OperatorNotFound)
        {
            return NotFound();
        }
        Message = Explain(error);
        Response.StatusCode = error.Type.Status;
        Accounts = await accounts.ListAsync(cancellationToken);
        return Page();
    }

    private string Explain(ApiError error) =>
        error.Type == ProblemTypes.OperatorSelfChange ? text["You may not disable your own account or change your own role; ask another admin."]
        : error.Type == ProblemTypes.OperatorLastAdmin ? text["This is the last enabled admin: make another admin before disabling or demoting this one."]
        : error.Type == ProblemTypes.OperatorExists ? text["Another account has this user name."]
        : (error.Extensions?.GetValueOrDefault("field") as string) switch
        {
            "userName" => text["The user name is 2–64 letters, digits, '.', '_' or '-', starting with a letter or digit."],
            "role" => text["Pick a role."],
            "password" => text["The password is {0}–{1} characters.", OperatorNames.MinPasswordLength, OperatorNames.MaxPasswordLength],
            "displayName" => text["The display name is at most {0} characters.", OperatorAccount.MaxDisplayNameLength],
            _ => error.Detail,
        };

    private static string? Bounded(string? value) =>
        value is { Length: > OperatorAccount.MaxDisplayNameLength + 1 } ? value[..(OperatorAccount.MaxDisplayNameLength + 1)] : value;
}
