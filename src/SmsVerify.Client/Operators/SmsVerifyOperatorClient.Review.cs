using System.Globalization;

namespace SmsVerify.Client;

public sealed partial class SmsVerifyOperatorClient
{
    /// <summary>The queue, oldest first: <paramref name="status"/> <c>pending_review</c> unless asked, every kind unless one is named.</summary>
    public Task<List<ReviewItem>> ListReviewItemsAsync(string? kind = null, string? status = null, int? limit = null, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Get("v1/review/items" + SmsVerifyClient.QueryString(
            ("kind", kind), ("status", status), ("limit", limit?.ToString(CultureInfo.InvariantCulture)))), ClientJson.Default.ListReviewItem, cancellationToken);

    public Task<ReviewItem> GetReviewItemAsync(Guid id, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Get($"v1/review/items/{id}"), ClientJson.Default.ReviewItem, cancellationToken);

    /// <summary>
    /// Approves a submission, with an optional note; <paramref name="verifiedName"/> is the name read on the ID, for
    /// real-person verifications. Not repeated after a lost answer: a second try answers <c>409 review_item_not_pending</c>.
    /// </summary>
    public Task<ReviewItem> ApproveReviewItemAsync(Guid id, string? note = null, string? verifiedName = null, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Post($"v1/review/items/{id}/approve", SmsVerifyClient.Json(new ApproveBody(note, verifiedName), ClientJson.Default.ApproveBody)),
            ClientJson.Default.ReviewItem, cancellationToken);

    /// <summary>Rejects a submission with the reason the tenant reads.</summary>
    public Task<ReviewItem> RejectReviewItemAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Post($"v1/review/items/{id}/reject", SmsVerifyClient.Json(new RejectBody(reason), ClientJson.Default.RejectBody)),
            ClientJson.Default.ReviewItem, cancellationToken);
}
