using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Audit;

/// <summary>Reads and rewrites pruning's export files (gzip'd NDJSON), and prunes without waiting for the hour.</summary>
internal static class AuditExportFiles
{
    public static List<JsonElement> Read(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    public static void Write(string path, IEnumerable<JsonElement> records)
    {
        using var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest));
        foreach (var record in records)
        {
            writer.Write(record.GetRawText() + "\n");
        }
    }

    /// <summary>The record's hash made anew from its fields, as the server makes it.</summary>
    public static string Recompute(JsonElement r) => Convert.ToHexStringLower(AuditChain.HashOf(
        r.GetProperty("sequence").GetInt64(), r.GetProperty("at").GetDateTime(), r.Str("actor"),
        r.GetProperty("tenantId").ValueKind == JsonValueKind.Null ? null : r.GetProperty("tenantId").GetGuid(),
        r.Str("action"), r.Str("target"), r.GetProperty("requestId").GetString(), r.GetProperty("detail").GetString(),
        Convert.FromHexString(r.Str("previousHash"))));

    /// <summary>
    /// Appends records written <paramref name="age"/> ago, as the trail does. The clock is never moved that far instead:
    /// a fake clock moved by months fires every short periodic timer of the server once per period missed.
    /// </summary>
    public static Task AppendOldAsync(SmsVerifyApp app, int count, TimeSpan age) => app.WithDbAsync(async db =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await AuditTrail.LockAsync(db, CancellationToken.None);
        var stamps = Enumerable.Range(0, count).Select(i => new AuditStamp(
            new AuditEntry("tenant.created", $"tenant:{Guid.NewGuid()}", Guid.NewGuid(), "kind=Enterprise"), "admin:key:old", $"request-{i}"));
        await AuditTrail.AppendAsync(db, stamps, app.Clock.UtcNowForStorage() - age, CancellationToken.None);
        await transaction.CommitAsync();
        return 0;
    });

    /// <summary>Runs the hourly job now, rather than waiting for its hour.</summary>
    public static Task PruneNowAsync(SmsVerifyApp app)
    {
        var job = app.Services.GetServices<IHostedService>().OfType<AuditRetention>().Single();
        return app.WithDbAsync(async db =>
        {
            await job.RunNowAsync(db, CancellationToken.None);
            return 0;
        });
    }
}
