namespace SmsVerify.Client;

/// <summary>
/// The operator API of SmsVerify (tenants, operator keys, review, channels, the audit trail), for an operator key
/// (<c>svo_…</c>) of the role each call asks for. Kept apart from <see cref="SmsVerifyClient"/> so a tenant's app
/// never sees calls its key cannot make; it goes through the same pipeline: the same retries, the same problems
/// thrown as <see cref="SmsVerifyProblemException"/>, the same generated JSON.
/// </summary>
public sealed partial class SmsVerifyOperatorClient
{
    private readonly SmsVerifyClient _calls;

    /// <summary>A client over <paramref name="http"/>; options left out take the HttpClient's address and headers as they are.</summary>
    public SmsVerifyOperatorClient(HttpClient http, SmsVerifyClientOptions? options = null) => _calls = new SmsVerifyClient(http, options);
}
