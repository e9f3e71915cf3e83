using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.TenantPeople;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole;

/// <summary>
/// A page of the tenant console. Reading is for everyone its folder lets in; anything but GET and HEAD also needs
/// <see cref="ChangesNeed"/> (owners and developers unless the page says otherwise), checked here once for every
/// handler, so a viewer's form post is refused whatever the page forgot.
/// </summary>
public abstract class TenantPageModel : PageModel
{
    /// <summary>The tenant the person signed in to: every read and write of the page is within it.</summary>
    public Guid TenantId => User.TenantId();

    public Guid UserId => User.TenantUserId();

    public bool IsOwner => User.IsInRole(TenantRoles.Owner);

    /// <summary>Whether the person may change what this page shows (the page hides its forms otherwise).</summary>
    public bool CanChange { get; private set; }

    protected virtual string ChangesNeed => TenantConsoleAuth.Developer;

    /// <summary>Whether the page's own script posted the form (Accept: application/json) and wants the outcome as JSON, not the page.</summary>
    protected bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var authorization = HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
        CanChange = (await authorization.AuthorizeAsync(User, ChangesNeed)).Succeeded;
        if (!CanChange && !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            context.Result = Forbid(TenantConsoleAuth.Scheme);
            return;
        }
        await next();
    }
}
