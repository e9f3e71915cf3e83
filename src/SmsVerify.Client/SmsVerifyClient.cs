using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SmsVerify.Client;

/// <summary>
/// The SmsVerify HTTP API for a tenant: one method a call, typed answers, problems thrown as
/// <see cref="SmsVerifyProblemException"/>. Thread-safe; make one per key and keep it, or take it from
/// <c>AddSmsVerifyClient</c>. It never changes the HttpClient it is given.
/// </summary>
public sealed partial class SmsVerifyClient
{
    /// <summary>The header the server de-duplicates sends by.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly ProductInfoHeaderValue UserAgent =
        new("SmsVerify.Client", typeof(SmsVerifyClient).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly HttpClient _http;
    private readonly SmsVerifyClientOptions _options;
    private readonly Uri? _baseAddress;

    /// <summary>A client over <paramref name="http"/>; options left out take the HttpClient's address and headers as they are.</summary>
    public SmsVerifyClient(HttpClient http, SmsVerifyClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _options = options ?? new SmsVerifyClientOptions();
        _options.Validate();
        if (_options.BaseAddress is null && http.BaseAddress is null)
        {
            throw new ArgumentException("Set BaseAddress on the options or on the HttpClient.", nameof(options));
        }
        _http = http;
        _baseAddress = _options.BaseAddress is { } address ? WithTrailingSlash(address) : null;
    }

    internal async Task<T> SendAsync<T>(ApiCall call, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var response = await AnswerAsync(call, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(answer, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"{call.Method} {call.Path} answered {(int)response.StatusCode} with an empty body.");
    }

    internal async Task SendAsync(ApiCall call, CancellationToken cancellationToken)
    {
        using var response = await AnswerAsync(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One logical call: a fresh request each attempt, with the same idempotency key. Retries are the server's to
    /// allow (a 429 or 503 naming a wait) or the call's to bear (a lost answer to a call that may repeat); see
    /// <see cref="Retries"/>.
    /// </summary>
    internal async Task<HttpResponseMessage> AnswerAsync(ApiCall call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            using (var request = NewRequest(call))
            {
                try
                {
                    response = await _http.SendAsync(request, call.Streamed ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (attempt < _options.MaxAttempts && call.Repeatable && Retries.IsTransient(e, cancellationToken))
                {
                    await Task.Delay(Retries.Backoff(attempt, _options), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            SmsVerifyProblemException problem;
            using (response)
            {
                problem = await ProblemReader.ReadAsync(response, _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            if (attempt >= _options.MaxAttempts || Retries.Delay(problem, call.Repeatable, attempt, _options) is not { } wait)
            {
                throw problem;
            }
            await Task.Delay(wait, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage NewRequest(ApiCall call)
    {
        var request = new HttpRequestMessage(call.Method, _baseAddress is null ? new Uri(call.Path, UriKind.Relative) : new Uri(_baseAddress, call.Path))
        {
            Content = call.Content?.Invoke(),
        };
        if (_options.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (call.IdempotencyKey is { } idempotencyKey)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }
        request.Headers.UserAgent.Add(UserAgent);
        return request;
    }

    internal static Func<HttpContent> Json<T>(T body, JsonTypeInfo<T> type) => () => JsonContent.Create(body, type);

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);

    // Relative paths resolve under the address's own path only when it ends with a slash.
    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsolutePath.EndsWith('/') ? address : new UriBuilder(address) { Path = address.AbsolutePath + "/" }.Uri;
}
