using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Channels;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Verification;

namespace SmsVerify.Server.Tests.Verification;

/// <summary>
/// The hourly job deletes finished verifications past their retention, a pending one once its code has expired,
/// and never one whose code still counts or a recent one.
/// </summary>
public sealed class VerificationRetentionTests : IAsyncLifetime
{
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await SmsVerifyApp.StartAsync(new() { ["Verification:RetentionDays"] = "30" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FinishedVerificationsPastTheRetention_AreDeleted_ButNotRecentOnesOrACodeThatStillCounts()
    {
        var tenant = await _app.CreateTenantAsync();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        VerificationRecord Verification(VerificationStatus status, int daysAgo, TimeSpan? expiresAfter = null) => new()
        {
            TenantId = tenant.Id,
            To = "+8613912345678",
            Status = status,
            CodeHash = new byte[32],
            Signature = "某某科技",
            Template = "SMS_1",
            CreatedAt = now - TimeSpan.FromDays(daysAgo),
            ExpiresAt = now - TimeSpan.FromDays(daysAgo) + (expiresAfter ?? TimeSpan.FromMinutes(5)),
        };
        VerificationRecord[] old =
        [
            Verification(VerificationStatus.Approved, 31), Verification(VerificationStatus.Canceled, 40), Verification(VerificationStatus.Expired, 31),
            Verification(VerificationStatus.MaxAttemptsReached, 90),
            // Never checked: still pending in its row, expired to its client.
            Verification(VerificationStatus.Pending, 31),
        ];
        VerificationRecord[] kept =
        [
            Verification(VerificationStatus.Approved, 29), Verification(VerificationStatus.Pending, 1),
            // Its code counts for another hour (no real code lives this long; the job must still not guess).
            Verification(VerificationStatus.Pending, 31, TimeSpan.FromDays(31) + TimeSpan.FromHours(2)),
        ];
        await _app.WithDbAsync(db =>
        {
            db.Verifications.AddRange([.. old, .. kept]);
            return db.SaveChangesAsync();
        });

        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        await Wait.Until(async () => await _app.WithDbAsync(db => db.Verifications.CountAsync(v => v.TenantId == tenant.Id)) == kept.Length,
            "the hourly job to delete the old verifications");

        var left = await _app.WithDbAsync(db => db.Verifications.Where(v => v.TenantId == tenant.Id).Select(v => v.Id).ToListAsync());
        Assert.Equal(kept.Select(v => v.Id).Order(), left.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Http.GetAsync($"/v1/verifications/{old[0].Id}")).StatusCode);
    }
}
