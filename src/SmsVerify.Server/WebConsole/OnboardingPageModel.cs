using Microsoft.AspNetCore.Mvc;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Review;

namespace SmsVerify.Server.WebConsole;

/// <summary>
/// An onboarding page of the tenant console: its forms go through the same services as the API's endpoints, and a
/// refusal is shown next to its field with the API's problem code and answered with the API's status.
/// </summary>
public abstract class OnboardingPageModel : TenantPageModel
{
    public FormProblem? Problem { get; private set; }

    /// <summary>Keeps the refusal for the page to show, with its status (a 400, 409, …) as the response's.</summary>
    protected void Refuse(ApiError error)
    {
        Problem = FormProblem.From(error);
        Response.StatusCode = error.Type.Status;
    }

    /// <summary>What the pre-check handler answers the editor's script: the findings with their spans, or the refusal.</summary>
    protected static JsonResult PrecheckAnswer(ApiError? error, IEnumerable<Finding> findings, IEnumerable<object>? variables = null) =>
        error is not null
            ? new JsonResult(new { problem = FormProblem.From(error), findings = Array.Empty<Finding>() }) { StatusCode = error.Type.Status }
            : new JsonResult(new { findings, variables = variables ?? [] });
}
