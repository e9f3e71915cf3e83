using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Tests.Channels;
using SmsVerify.Server.Tests.Console;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Audit;

/// <summary>
/// With a retention set, the hourly job exports records past it to a file first and only then deletes them, leaving
/// an anchor the rest of the chain verifies from. Each test has an app of its own: pruning is for good.
/// </summary>
public sealed class AuditRetentionTests : IAsyncLifetime
{
    private static readonly TimeSpan PastRetention = TimeSpan.FromDays(181);
    private readonly string _exports = Directory.CreateTempSubdirectory("smsverify-audit-exports-").FullName;
    private SmsVerifyApp _app = null!;

    public async Task InitializeAsync() => _app = await StartAsync(_exports);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_exports, recursive: true);
    }

    private static Task<SmsVerifyApp> StartAsync(string exports, string days = "180") =>
        SmsVerifyApp.StartAsync(new() { ["Audit:RetentionDays"] = days, ["Audit:ExportPath"] = exports });

    [Fact]
    public async Task RecordsPastTheRetention_AreExportedThenDeleted_AndTheChainVerifiesFromTheAnchor()
    {
        await AuditExportFiles.AppendOldAsync(_app, 5, PastRetention);
        var old = await _app.WithDbAsync(db => db.AuditRecords.OrderBy(r => r.Sequence).ToListAsync());

        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        await Wait.Until(() => _app.WithDbAsync(db => db.AuditAnchors.AnyAsync()), "the hourly job to prune the audit trail");
        await _app.CreateTenantAsync(name: "Recent");

        var anchor = await _app.WithDbAsync(db => db.AuditAnchors.SingleAsync());
        Assert.Equal((1, old[^1].Sequence), (anchor.FromSequence, anchor.Sequence));
        Assert.Equal($"audit-000000000001-{anchor.Sequence:D12}.ndjson.gz", anchor.FileName);
        var file = Path.Combine(_exports, anchor.FileName);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(file)), anchor.FileSha256);
        var exported = AuditExportFiles.Read(file);
        Assert.Equal(old.Select(r => r.Sequence), exported.Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.All(exported, r => Assert.Equal(r.Str("hash"), AuditExportFiles.Recompute(r)));
        Assert.Equal(Convert.ToHexStringLower(anchor.Hash), exported[^1].Str("hash"));
        Assert.False(await _app.WithDbAsync(db => db.AuditRecords.AnyAsync(r => r.Sequence <= anchor.Sequence)));

        var pruned = await _app.WithDbAsync(db => db.AuditRecords.SingleAsync(r => r.Action == AuditPruning.PrunedAction));
        Assert.Equal(($"audit:1-{anchor.Sequence}", AuditPruning.Actor), (pruned.Target, pruned.Actor));
        Assert.Equal($"file={anchor.FileName} sha256={Convert.ToHexStringLower(anchor.FileSha256)}", pruned.Detail);

        var verification = await (await _app.Operator().GetAsync("/v1/audit/verify")).OkAsync();
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        Assert.Equal(anchor.Sequence + 1, verification.GetProperty("verifiedFrom").GetInt64());
        Assert.Equal(anchor.Sequence, verification.GetProperty("prunedThrough").GetInt64());
        Assert.Equal(exported[^1].Str("hash"), verification.Str("anchorHash"));
        Assert.Equal(await _app.WithDbAsync(db => db.AuditRecords.LongCountAsync()), verification.GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task AfterPruning_ARemainingRecordAltered_IsStillNamed()
    {
        await AuditExportFiles.AppendOldAsync(_app, 3, PastRetention);
        await AuditExportFiles.PruneNowAsync(_app);
        var after = await _app.CreateTenantAsync(name: "After");
        var sequence = await _app.WithDbAsync(db => db.AuditRecords.Where(r => r.Target == $"tenant:{after.Id}").Select(r => r.Sequence).SingleAsync());

        await _app.WithDbAsync(db => db.AuditRecords.Where(r => r.Sequence == sequence).ExecuteUpdateAsync(set => set.SetProperty(r => r.Detail, "kind=Personal")));

        var verification = await (await _app.Operator().GetAsync("/v1/audit/verify")).OkAsync();
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(sequence, verification.GetProperty("brokenAt").GetInt64());
        Assert.Contains("altered", verification.Str("reason"));
    }

    [Fact]
    public async Task AfterPruning_TheConsolesCheck_SaysWhereItStartedAndWhatWasPruned()
    {
        await AuditExportFiles.AppendOldAsync(_app, 3, PastRetention);
        await AuditExportFiles.PruneNowAsync(_app);
        var anchor = await _app.WithDbAsync(db => db.AuditAnchors.SingleAsync());
        var auditor = await _app.SignedInAsync("auditor");

        var page = await (await auditor.GetAsync("/console/audit?handler=Verify")).Content.ReadAsStringAsync();

        Assert.Contains("data-valid=\"true\"", page);
        Assert.Contains("id=\"pruned\"", page);
        Assert.Contains(Convert.ToHexStringLower(anchor.Hash), page);
    }

    [Fact]
    public async Task AfterPruning_AnAnchorThatDoesNotMatchTheFirstRemainingRecord_BreaksTheChain()
    {
        await AuditExportFiles.AppendOldAsync(_app, 3, PastRetention);
        await AuditExportFiles.PruneNowAsync(_app);

        await _app.WithDbAsync(db => db.AuditAnchors.ExecuteUpdateAsync(set => set.SetProperty(a => a.Hash, new byte[32])));

        var verification = await (await _app.Operator().GetAsync("/v1/audit/verify")).OkAsync();
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Contains("previous hash", verification.Str("reason"));
    }

    [Fact]
    public async Task AnExportThatCannotBeWritten_DeletesNothing()
    {
        // A file where the directory should be: unwritable even for root, which ignores permissions.
        var blocker = Path.Combine(_exports, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "");
        await using var app = await StartAsync(Path.Combine(blocker, "exports"));
        await AuditExportFiles.AppendOldAsync(app, 3, PastRetention);
        var before = await app.WithDbAsync(db => db.AuditRecords.LongCountAsync());

        await Assert.ThrowsAnyAsync<IOException>(() => AuditExportFiles.PruneNowAsync(app));

        Assert.Equal(before, await app.WithDbAsync(db => db.AuditRecords.LongCountAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditAnchors.AnyAsync()));
        Assert.True((await (await app.Operator().GetAsync("/v1/audit/verify")).OkAsync()).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task RetentionZero_PrunesNothing()
    {
        await using var app = await StartAsync(_exports, days: "0");
        await AuditExportFiles.AppendOldAsync(app, 3, TimeSpan.FromDays(36500));
        var before = await app.WithDbAsync(db => db.AuditRecords.LongCountAsync());

        await AuditExportFiles.PruneNowAsync(app);

        Assert.Equal(before, await app.WithDbAsync(db => db.AuditRecords.LongCountAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditAnchors.AnyAsync()));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_exports));
        var verification = await (await app.Operator().GetAsync("/v1/audit/verify")).OkAsync();
        Assert.Equal((1, System.Text.Json.JsonValueKind.Null), (verification.GetProperty("verifiedFrom").GetInt64(), verification.GetProperty("prunedThrough").ValueKind));
    }

    [Theory]
    [InlineData("30")]
    [InlineData("179")]
    [InlineData("36501")]
    public async Task RetentionShorterThanSixMonths_OrLongerThanAHundredYears_ServerDoesNotStart(string days)
    {
        await using var app = await StartAsync(_exports, days);

        var refused = Assert.Throws<OptionsValidationException>(() => app.Anonymous());

        Assert.Contains("RetentionDays", refused.Message, StringComparison.Ordinal);
    }
}
