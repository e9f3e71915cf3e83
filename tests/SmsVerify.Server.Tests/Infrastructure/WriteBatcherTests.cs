using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Infrastructure;

public sealed class WriteBatcherTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task InsertAsync_OneBadRowAmongMany_FailsAloneAndTheRestAreStored()
    {
        var tenant = await app.CreateTenantAsync();
        var batcher = app.Services.GetRequiredService<WriteBatcher>();

        var good = Enumerable.Range(0, 40).Select(i => batcher.InsertAsync(null, Message(tenant.Id, i))).ToList();
        var bad = batcher.InsertAsync(null, Message(Guid.NewGuid(), 99)); // no such tenant: the foreign key refuses it
        good.AddRange(Enumerable.Range(40, 40).Select(i => batcher.InsertAsync(null, Message(tenant.Id, i))));

        await Task.WhenAll(good);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => bad);
        Assert.Equal(80, await app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task WriteAsync_QueuedRightAfterAnInsert_SeesTheInsertedRow()
    {
        var tenant = await app.CreateTenantAsync();
        var batcher = app.Services.GetRequiredService<WriteBatcher>();
        var rows = Enumerable.Range(0, 20).Select(i => Message(tenant.Id, i)).ToList();

        // Nothing is awaited in between, so the updates usually share a batch with the inserts they depend on.
        var inserts = rows.Select(row => batcher.InsertAsync(null, row)).ToList();
        var updates = rows.Select(row => batcher.WriteAsync(db => db.Messages.Where(m => m.Id == row.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, MessageStatus.Expired)))).ToList();

        await Task.WhenAll(inserts);
        Assert.All(await Task.WhenAll(updates), updated => Assert.Equal(1, updated));
        Assert.Equal(20, await app.WithDbAsync(db => db.Messages.CountAsync(m => m.TenantId == tenant.Id && m.Status == MessageStatus.Expired)));
    }

    private static MessageRecord Message(Guid tenantId, int i) => new()
    {
        TenantId = tenantId,
        To = $"+86138000{i:D5}",
        Signature = "SmsVerify",
        Template = "SMS_SANDBOX_VERIFY",
        MaskedText = "【SmsVerify】验证码 ******",
        Channel = "sandbox",
        Status = MessageStatus.Delivered,
        CreatedAt = DateTime.UtcNow,
    };
}
