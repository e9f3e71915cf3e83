using System.Globalization;

namespace SmsVerify.Client;

public sealed partial class SmsVerifyClient
{
    /// <summary>Registers a test number (20 per tenant by default); <paramref name="fixedCode"/> makes every code to it that one.</summary>
    public Task<SandboxNumber> RegisterTestNumberAsync(string phone, string? fixedCode = null, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post("v1/sandbox/numbers", Json(new RegisterNumberBody(phone, fixedCode), ClientJson.Default.RegisterNumberBody)),
            ClientJson.Default.SandboxNumber, cancellationToken);

    public Task<List<SandboxNumber>> ListTestNumbersAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get("v1/sandbox/numbers"), ClientJson.Default.ListSandboxNumber, cancellationToken);

    public Task DeleteTestNumberAsync(string phone, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Delete($"v1/sandbox/numbers/{Escape(phone)}"), cancellationToken);

    /// <summary>A test number's inbox, newest first, with the code read from each message.</summary>
    public Task<List<InboxMessage>> ReadInboxAsync(string phone, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get($"v1/sandbox/numbers/{Escape(phone)}/messages" + QueryString(("limit", limit?.ToString(CultureInfo.InvariantCulture)))),
            ClientJson.Default.ListInboxMessage, cancellationToken);

    /// <summary>The test phone answers, as a real one would through a carrier: <c>R</c> or <c>TD</c> opts it out of marketing.</summary>
    public Task<InboundMessage> ReplyFromTestNumberAsync(string phone, string text, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post($"v1/sandbox/numbers/{Escape(phone)}/replies", Json(new ReplyBody(text), ClientJson.Default.ReplyBody)),
            ClientJson.Default.InboundMessage, cancellationToken);

    /// <summary>Replies received, newest first; <paramref name="from"/> narrows to one number.</summary>
    public Task<List<InboundMessage>> ListInboundAsync(string? from = null, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get("v1/inbound" + QueryString(("from", from), ("limit", limit?.ToString(CultureInfo.InvariantCulture)))),
            ClientJson.Default.ListInboundMessage, cancellationToken);

    public Task<List<OptOut>> ListOptOutsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get("v1/opt-outs"), ClientJson.Default.ListOptOut, cancellationToken);
}
