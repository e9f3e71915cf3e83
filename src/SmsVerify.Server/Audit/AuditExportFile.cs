using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace SmsVerify.Server.Audit;

/// <summary>
/// An export file of pruned records: gzip-compressed NDJSON, one <see cref="AuditRecordView"/> a line exactly as
/// <c>/v1/audit/export</c> writes it, named for the range of sequences it holds.
/// </summary>
internal static class AuditExportFile
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static string NameOf(long from, long to) => $"audit-{from:D12}-{to:D12}.ndjson.gz";

    /// <summary>
    /// Writes <paramref name="records"/> to <paramref name="directory"/>/<paramref name="name"/> and returns the file's
    /// SHA-256. The records are deleted once this returns, so the file goes to disk under a temporary name, is synced,
    /// and only then takes its name: a crash leaves no half file that looks whole.
    /// </summary>
    public static async Task<byte[]> WriteAsync(string directory, string name, IReadOnlyList<AuditRecord> records, JsonSerializerOptions json,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var partial = path + ".partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
                {
                    foreach (var record in records)
                    {
                        await JsonSerializer.SerializeAsync(gzip, AuditRecordView.From(record), json, cancellationToken);
                        await gzip.WriteAsync(NewLine, cancellationToken);
                    }
                }
                file.Flush(flushToDisk: true);
            }
            // Overwrites a file left by a run whose database transaction did not commit: its records are still here, and the same.
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        // Read back rather than hashed on the way out: the hash is then of what the disk holds.
        await using var written = File.OpenRead(path);
        return await SHA256.HashDataAsync(written, cancellationToken);
    }
}
