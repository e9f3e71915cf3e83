using SmsVerify.Server.Compat.Credentials;
using SmsVerify.Server.Compat.Serving;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Compat;

/// <summary>
/// A vendor API served at path <c>/</c>: the Alibaba and Tencent SDKs can be given a host and port but no path, so
/// both APIs share the root and each request goes to the one that recognises it (by its headers, or for the older
/// form-encoded schemes by its parameters).
/// </summary>
public interface IRootApi
{
    /// <summary>Whose API this is: a vendor's own port serves that vendor's only (<see cref="Serving.VendorPorts"/>).</summary>
    Vendor Vendor { get; }

    /// <summary>Whether this request is this vendor's; may read the form (the request body is buffered for it).</summary>
    ValueTask<bool> RecognisesAsync(HttpRequest request);

    /// <summary>Answers the request in the vendor's own shape, errors included.</summary>
    Task HandleAsync(HttpContext context);
}

internal static class RootApis
{
    /// <summary>Largest body a root API reads: every call of theirs fits in a few kilobytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static void MapRootApis(this IEndpointRouteBuilder routes) =>
        routes.MapMethods("/", ["GET", "POST"], async (HttpContext context, IEnumerable<IRootApi> apis, VendorPorts ports) =>
        {
            context.Request.EnableBuffering(MaxBodyBytes, MaxBodyBytes);
            var port = context.Connection.LocalPort;
            foreach (var api in apis.Where(a => ports.Serves(a.Vendor, port)))
            {
                if (await api.RecognisesAsync(context.Request))
                {
                    context.Request.Body.Position = 0;
                    await api.HandleAsync(context);
                    return;
                }
            }
            if (ports.OwnerOf(port) is { } owner)
            {
                await VendorNotFound.WriteAsync(owner, context);
                return;
            }
            await ProblemTypes.NotFound.With("No API is served at / for this request: a vendor-compatible call names its action in its headers or parameters (see docs/compat.md).")
                .ToResult().ExecuteAsync(context);
        }).ExcludeFromDescription();
}
