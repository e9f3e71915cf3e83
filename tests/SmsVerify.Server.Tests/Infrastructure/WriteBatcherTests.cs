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

    [Fact]
    public async Task RowInserts_WriteEveryColumnAsSaveChangesWould()
    {
        var tenant = await app.CreateTenantAsync();
        var at = new DateTime(2026, 11, 23, 8, 30, 15, 123, DateTimeKind.Utc);
        // Every column set, nullable ones included, so a column written wrong or left out reads back different.
        var rows = Enumerable.Range(0, 30).Select(i => new MessageRecord
        {
            TenantId = tenant.Id,
            To = $"+86139000{i:D5}",
            Signature = "某某科技",
            Template = "SMS_1",
            MaskedText = "【某某科技】验证码 ******",
            SandboxText = "【某某科技】验证码 123456",
            TextSeal = [1, 2, 3, (byte)i],
            SourceExtension = "12",
            Segments = 2,
            PartCount = 2,
            DeliveredParts = 1,
            Channel = "primary",
            Status = MessageStatus.Submitted,
            ErrorCode = "E1",
            Cost = 500 + i,
            VerificationId = Guid.NewGuid(),
            NotAfter = at.AddMinutes(5),
            Attempts = 3,
            LeaseUntil = at.AddMinutes(2),
            NextAttemptAt = at,
            ClaimToken = Guid.NewGuid(),
            OutcomeUnknown = true,
            CreatedAt = at,
            SubmittedAt = at.AddSeconds(1),
            DoneAt = at.AddSeconds(2),
        }).ToList();

        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await RowInserts.InsertAsync(db, rows);
            await transaction.CommitAsync();
            return 0;
        });

        var stored = await app.WithDbAsync(db => db.Messages.AsNoTracking().Where(m => m.TenantId == tenant.Id).ToListAsync());
        Assert.Equivalent(rows, stored, strict: true);
    }

    [Fact]
    public async Task SetWrite_QueuedBehindALongLineOfOtherWrites_IsNotHeldUpByThem()
    {
        var tenant = await app.CreateTenantAsync();
        var batcher = app.Services.GetRequiredService<WriteBatcher>();
        var order = new List<string>();
        var set = new RecordingSet(order);
        var (first, gate) = await HoldWriterAsync(batcher);
        var others = Enumerable.Range(0, 20).Select(i => batcher.WriteAsync(_ =>
        {
            lock (order)
            {
                order.Add("other");
            }
            return Task.FromResult(0);
        }, rows: 100)).ToList();
        var item = batcher.WriteAsync(set, "receipt");
        gate.SetResult();
        await Task.WhenAll([first, item, .. others]);

        // Each batch takes the set write first and then at most 500 rows' worth of the rest.
        Assert.Equal("receipt", order[0]);
        Assert.Equal(20, order.Count(o => o == "other"));
    }

    [Fact]
    public async Task SetWrite_ThatRunsAfterOtherSets_QueuedFirst_RunsAfterThemInTheSameBatch()
    {
        var batcher = app.Services.GetRequiredService<WriteBatcher>();
        var order = new List<string>();
        var receipts = new RecordingSet(order) { AfterOtherSets = true };
        var submits = new RecordingSet(order);
        var (first, gate) = await HoldWriterAsync(batcher);
        // As on the delivery path: the receipt reaches the queue before the answer to its submit.
        var receipt = batcher.WriteAsync(receipts, "receipt");
        var submit = batcher.WriteAsync(submits, "submit");
        gate.SetResult();
        await Task.WhenAll(first, receipt, submit);

        Assert.Equal(["submit", "receipt"], order);
    }

    /// <summary>
    /// Queues a write that holds the writer until <c>Gate</c> is set, so that everything queued meanwhile is in the
    /// next batch; <c>Held</c> is that write.
    /// </summary>
    private static async Task<(Task<int> Held, TaskCompletionSource Gate)> HoldWriterAsync(WriteBatcher batcher)
    {
        var running = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var held = batcher.WriteAsync(async _ =>
        {
            running.SetResult();
            await gate.Task;
            return 0;
        });
        await running.Task;
        return (held, gate);
    }

    private sealed class RecordingSet(List<string> order) : ISetWrite<string>
    {
        public bool AfterOtherSets { get; init; }

        public Task RunAsync(AppDbContext db, IReadOnlyList<string> items)
        {
            lock (order)
            {
                order.AddRange(items);
            }
            return Task.CompletedTask;
        }
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
