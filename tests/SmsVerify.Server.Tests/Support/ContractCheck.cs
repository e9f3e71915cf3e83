using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Tests.Support;

/// <summary>
/// Every answer the tests get from the documented API is checked against the operation's contract (the statuses and
/// problem codes its OpenAPI description lists): the server marks an answer the contract does not list, and the test
/// client fails the request that got it, naming the operation, the status and the code.
/// </summary>
internal static class ContractCheck
{
    public const string ViolationHeader = "X-Test-Contract-Violation";

    public sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.OnStarting(() =>
                {
                    MarkIfUnlisted(context);
                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    internal static void MarkIfUnlisted(HttpContext context)
    {
        // A CORS preflight is answered by the CORS middleware for the endpoint, not by the operation.
        if (HttpMethods.IsOptions(context.Request.Method) || context.GetEndpoint() is not { } endpoint
            || OperationContract.Of(endpoint) is not { } contract)
        {
            return;
        }
        var status = context.Response.StatusCode;
        var code = (context.Items[typeof(ProblemType)] as ProblemType)?.Code;
        if (status != 500 && !contract.Allows(status, code)) // a 500 is a failure of its own, which the test sees anyway
        {
            context.Response.Headers[ViolationHeader] =
                $"{context.Request.Method} {endpoint.DisplayName} answered {status} {code ?? "(no code)"}, which its contract does not list";
        }
    }

    /// <summary>Fails the request whose answer the server marked.</summary>
    public sealed class Handler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues(ViolationHeader, out var violation))
            {
                throw new InvalidOperationException(string.Join("; ", violation));
            }
            return response;
        }
    }
}
