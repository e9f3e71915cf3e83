namespace SmsVerify.Client;

/// <summary>
/// One logical call as the client sends it, every attempt anew. <see cref="Repeatable"/>: sending it twice does no
/// more than sending it once (a read, a delete, a pre-check, or a send under an idempotency key), so an attempt whose
/// answer was lost may be made again.
/// </summary>
internal sealed record ApiCall(HttpMethod Method, string Path, Func<HttpContent>? Content = null, bool Repeatable = false)
{
    public string? IdempotencyKey { get; init; }

    /// <summary>The answer is read as it arrives (an export), not buffered whole first.</summary>
    public bool Streamed { get; init; }

    public static ApiCall Get(string path) => new(HttpMethod.Get, path, Repeatable: true);

    /// <summary>
    /// Not repeated after a lost answer, though HTTP calls puts idempotent: a template's change takes the next version
    /// each time, and a webhook's secret is in the answer that created it only.
    /// </summary>
    public static ApiCall Put(string path, Func<HttpContent> content) => new(HttpMethod.Put, path, content);

    public static ApiCall Delete(string path) => new(HttpMethod.Delete, path, Repeatable: true);

    public static ApiCall Post(string path, Func<HttpContent>? content = null, bool repeatable = false) => new(HttpMethod.Post, path, content, repeatable);

    /// <summary>A send the server de-duplicates by its key: the caller's, or one made here for this call and all its retries.</summary>
    public static ApiCall Send(string path, Func<HttpContent> content, string? idempotencyKey) =>
        new(HttpMethod.Post, path, content, Repeatable: true) { IdempotencyKey = idempotencyKey ?? Guid.NewGuid().ToString("N") };
}
