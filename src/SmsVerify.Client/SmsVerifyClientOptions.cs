namespace SmsVerify.Client;

/// <summary>Where the server is, the tenant's key, and how patiently to retry.</summary>
public sealed class SmsVerifyClientOptions
{
    /// <summary>The server's address, such as <c>https://sms.example.com/</c>. Left null, the HttpClient's own BaseAddress is used.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The tenant's API key, sent as <c>Authorization: Bearer</c>. Left null, the HttpClient's own header is used.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Attempts per call, the first one included; 1 turns retries off.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The longest wait before a retry. A 429 or 503 whose <c>Retry-After</c> asks for longer is not waited for: it is
    /// thrown at once, its wait in <see cref="SmsVerifyProblemException.RetryAfter"/>, for the caller to decide.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first backoff after a failure that names no wait (a lost connection, a bare 503); it doubles each time.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The clock that waits between attempts and reads <c>Retry-After</c> dates.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (BaseAddress is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("BaseAddress must be an absolute URI.", nameof(BaseAddress));
        }
        if (MaxAttempts < 1)
        {
            throw new ArgumentException("MaxAttempts must be at least 1.", nameof(MaxAttempts));
        }
        if (MaxRetryDelay < TimeSpan.Zero || RetryBaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Retry delays cannot be negative.", nameof(MaxRetryDelay));
        }
    }
}
