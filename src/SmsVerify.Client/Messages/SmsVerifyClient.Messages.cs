using System.Globalization;
using System.Runtime.CompilerServices;

namespace SmsVerify.Client;

public sealed partial class SmsVerifyClient
{
    private const int MaxPage = 200;

    /// <summary>
    /// Sends under an idempotency key: <paramref name="idempotencyKey"/>, or one made for this call. Every retry carries
    /// the same key, and the server answers a repeat with the first answer (for 24 hours), so a retry never sends twice.
    /// Pass your own key to carry that guarantee across your own retries, or a restart.
    /// </summary>
    public Task<SendResult> SendMessagesAsync(SendMessagesRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(ApiCall.Send("v1/messages", Json(request, ClientJson.Default.SendMessagesRequest), idempotencyKey), ClientJson.Default.SendResult, cancellationToken);
    }

    /// <summary>Sends one message to one number; see <see cref="SendMessagesAsync"/>.</summary>
    public async Task<SentMessage> SendMessageAsync(
        string to, string signature, string template, IReadOnlyDictionary<string, string>? parameters = null, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var sent = await SendMessagesAsync(new SendMessagesRequest([to], signature, template) { Params = parameters }, idempotencyKey, cancellationToken)
            .ConfigureAwait(false);
        return sent.Messages[0];
    }

    public Task<Message> GetMessageAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get($"v1/messages/{id}"), ClientJson.Default.Message, cancellationToken);

    /// <summary>One page of messages, newest first.</summary>
    public Task<List<Message>> ListMessagesAsync(MessageQuery? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get("v1/messages" + Query(query ?? new MessageQuery())), ClientJson.Default.ListMessage, cancellationToken);

    /// <summary>Every message the query matches, newest first, a page at a time (<see cref="MessageQuery.Limit"/> a page, or 200).</summary>
    public async IAsyncEnumerable<Message> ListAllMessagesAsync(MessageQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = (query ?? new MessageQuery()) with { Limit = query?.Limit ?? MaxPage };
        while (true)
        {
            var messages = await ListMessagesAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var message in messages)
            {
                yield return message;
            }
            if (messages.Count < page.Limit)
            {
                yield break;
            }
            page = page with { Before = messages[^1].Id };
        }
    }

    private static string Query(MessageQuery query) => QueryString(
        ("to", query.To),
        ("status", query.Status),
        ("from", query.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        ("until", query.Until?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        ("before", query.Before?.ToString()),
        ("limit", query.Limit?.ToString(CultureInfo.InvariantCulture)));

    /// <summary><c>?a=1&amp;b=2</c> of the parts that have a value, or nothing.</summary>
    internal static string QueryString(params (string Name, string? Value)[] parts)
    {
        var given = parts.Where(p => p.Value is not null).Select(p => $"{p.Name}={Escape(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
