namespace SmsVerify.Client;

public sealed partial class SmsVerifyClient
{
    /// <summary>Runs the review rules on a template and saves nothing.</summary>
    public Task<TemplatePrecheck> PrecheckTemplateAsync(TemplateRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post("v1/templates/precheck", Json(request, ClientJson.Default.TemplateRequest), repeatable: true), ClientJson.Default.TemplatePrecheck, cancellationToken);

    /// <summary>Submits a template for review; it gets its code (<c>SMS_…</c>) and sends once approved.</summary>
    public Task<Template> CreateTemplateAsync(TemplateRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post("v1/templates", Json(request, ClientJson.Default.TemplateRequest)), ClientJson.Default.Template, cancellationToken);

    public Task<Template> GetTemplateAsync(string code, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get($"v1/templates/{Escape(code)}"), ClientJson.Default.Template, cancellationToken);

    public Task<List<Template>> ListTemplatesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get("v1/templates"), ClientJson.Default.ListTemplate, cancellationToken);

    /// <summary>Changes a template; it goes back to review as its next version and sends nothing until approved.</summary>
    public Task<Template> ChangeTemplateAsync(string code, TemplateRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Put($"v1/templates/{Escape(code)}", Json(request, ClientJson.Default.TemplateRequest)), ClientJson.Default.Template, cancellationToken);

    public Task DeleteTemplateAsync(string code, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Delete($"v1/templates/{Escape(code)}"), cancellationToken);
}
