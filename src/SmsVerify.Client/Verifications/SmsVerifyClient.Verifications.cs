namespace SmsVerify.Client;

public sealed partial class SmsVerifyClient
{
    /// <summary>
    /// Sends a code. While one to the number is pending, the same code is sent again once its cool-down is over
    /// (<c>429 resend_too_soon</c> before). Sent under an idempotency key, as messages are: <paramref name="idempotencyKey"/>,
    /// or one made for this call and carried by every retry, so a retry after a lost answer gets the verification the
    /// first attempt started instead of a second code or <c>resend_too_soon</c>.
    /// </summary>
    public Task<Verification> StartVerificationAsync(StartVerificationRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(ApiCall.Send("v1/verifications", Json(request, ClientJson.Default.StartVerificationRequest), idempotencyKey),
            ClientJson.Default.Verification, cancellationToken);
    }

    /// <inheritdoc cref="StartVerificationAsync(StartVerificationRequest, string, CancellationToken)"/>
    public Task<Verification> StartVerificationAsync(string to, CancellationToken cancellationToken = default) =>
        StartVerificationAsync(new StartVerificationRequest(to), idempotencyKey: null, cancellationToken);

    /// <summary>
    /// Checks a code: <see cref="Verification.IsApproved"/> when right, still pending with one attempt fewer when wrong;
    /// the last wrong one is <c>429 max_check_attempts</c>, a check of an ended one <c>409 verification_not_pending</c>.
    /// </summary>
    public Task<Verification> CheckVerificationAsync(Guid id, string code, CancellationToken cancellationToken = default) =>
        CheckAsync(new CheckVerificationBody(id, null, code), cancellationToken);

    /// <summary>Checks a code against the pending verification to <paramref name="to"/>.</summary>
    public Task<Verification> CheckVerificationAsync(string to, string code, CancellationToken cancellationToken = default) =>
        CheckAsync(new CheckVerificationBody(null, to, code), cancellationToken);

    public Task<Verification> GetVerificationAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get($"v1/verifications/{id}"), ClientJson.Default.Verification, cancellationToken);

    public Task<Verification> CancelVerificationAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post($"v1/verifications/{id}/cancel"), ClientJson.Default.Verification, cancellationToken);

    /// <summary>Ends the verification approved without a code, for a person confirmed some other way (audited as such).</summary>
    public Task<Verification> ApproveVerificationAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post($"v1/verifications/{id}/approve"), ClientJson.Default.Verification, cancellationToken);

    // A check is never repeated after a lost answer: a wrong code would count twice, a right one answer 409.
    private Task<Verification> CheckAsync(CheckVerificationBody body, CancellationToken cancellationToken) =>
        SendAsync(ApiCall.Post("v1/verifications/check", Json(body, ClientJson.Default.CheckVerificationBody)), ClientJson.Default.Verification, cancellationToken);
}
