using System.Text;
using SmsVerify.Server.Compat.Credentials;

namespace SmsVerify.Server.Compat.Twilio;

/// <summary>
/// Twilio's HTTP Basic authentication, <c>AccountSid:AuthToken</c>, against a tenant's Twilio credential. Twilio
/// signs nothing and sends no timestamp or nonce, so there is no window or replay to check: the token is the whole
/// secret, compared in constant time. A wrong token for a known sid counts as a failed check of that credential.
/// </summary>
internal sealed class TwilioAuthentication(VendorCredentials credentials) : IEndpointFilter
{
    /// <summary><c>Basic</c> and the base64 of a 34-character sid, a colon and a 32-character token fit well within this.</summary>
    private const int MaxHeaderLength = 256;

    private const string CallerItem = "twilio.caller";

    public static VendorCaller CallerOf(HttpContext context) => (VendorCaller)context.Items[CallerItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (!TryReadBasic(context.Request.Headers.Authorization.ToString(), out var accountSid, out var authToken))
        {
            return TwilioErrors.Unauthenticated();
        }
        var caller = await credentials.FindAsync(Vendor.Twilio, accountSid, context.RequestAborted);
        if (caller is null)
        {
            return TwilioErrors.Unauthenticated();
        }
        if (!VendorCredentials.Matches(caller.Secret, authToken))
        {
            await credentials.RecordFailureAsync(caller, context.RequestAborted);
            return TwilioErrors.Unauthenticated();
        }
        context.Items[CallerItem] = caller;
        // The audit trail and everything behind the pipeline name the credential, as they name an API key.
        context.User = caller.Caller.ToPrincipal("Twilio");
        return await next(invocation);
    }

    private static bool TryReadBasic(string header, out string accountSid, out string authToken)
    {
        (accountSid, authToken) = ("", "");
        if (header.Length is 0 or > MaxHeaderLength || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        Span<byte> decoded = stackalloc byte[MaxHeaderLength];
        if (!Convert.TryFromBase64String(header["Basic ".Length..].Trim(), decoded, out var length))
        {
            return false;
        }
        var pair = Encoding.UTF8.GetString(decoded[..length]);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }
        (accountSid, authToken) = (pair[..colon], pair[(colon + 1)..]);
        return true;
    }
}
