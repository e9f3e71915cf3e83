using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using SmsVerify.Server.Operators;
using SmsVerify.Server.TenantPeople;

namespace SmsVerify.Server.WebConsole;

/// <summary>
/// The operators' console under <c>/console</c> and the tenants' under <c>/app</c>: Razor Pages rendered by this server, every asset inside it (no CDN,
/// works offline), Chinese by default and English on request. See docs/console.md.
/// </summary>
public static class ConsoleExtensions
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>The live pre-check of the template and signature editors (WebConsole/Scripts/precheck.js).</summary>
    public const string PrecheckScript = "/app/onboarding/precheck.js";

    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        // Chinese written as itself, not as &#x...; entities: a third of the size, and readable in the page source.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/WebConsole/Pages";
            // Two consoles, two cookies: every operator page needs an operator, every page under /App a tenant's person.
            pages.Conventions.AddFolderApplicationModelConvention("/", page => page.EndpointMetadata.Add(new AuthorizeAttribute(
                !page.ViewEnginePath.StartsWith("/App/", StringComparison.Ordinal) ? ConsoleAuth.Anyone
                : page.ViewEnginePath is "/App/Security" or "/App/Denied" ? TenantConsoleAuth.SignedIn
                : TenantConsoleAuth.Anyone)));
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/Language");
            pages.Conventions.AllowAnonymousToPage("/App/SignIn");
            pages.Conventions.AllowAnonymousToPage("/App/Invitation");
            pages.Conventions.AuthorizeFolder("/App/People", TenantConsoleAuth.Owner);
            // One folder per section, one policy per folder: a page inherits its section's roles.
            pages.Conventions.AuthorizeFolder("/Review", ConsoleAuth.Auditor);
            pages.Conventions.AuthorizeFolder("/Audit", ConsoleAuth.Auditor);
            pages.Conventions.AuthorizeFolder("/Risk", ConsoleAuth.Risk);
            pages.Conventions.AuthorizeFolder("/Tenants", ConsoleAuth.Admin);
            pages.Conventions.AuthorizeFolder("/Channels", ConsoleAuth.Admin);
            pages.Conventions.AuthorizeFolder("/Operators", ConsoleAuth.Admin);
        });
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        // Only console pages take their language from the cookie or ?culture=: the API's formats never depend on it.
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Cultures[0]),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
            RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
        };
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/console") || context.Request.Path.StartsWithSegments("/app"),
            console => console.UseRequestLocalization(localization));
        app.MapRazorPages();
        // The console's one script file, served from inside the server like everything else.
        var precheck = ReadScript("precheck.js");
        app.MapGet(PrecheckScript, () => Results.Bytes(precheck, "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static byte[] ReadScript(string name)
    {
        using var stream = typeof(ConsoleExtensions).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The console script {name} is not embedded.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
