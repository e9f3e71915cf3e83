using System.IO.Compression;
using System.Text.Json;
using SmsVerify.Server.Audit;

namespace SmsVerify.Cli.Commands;

/// <summary>One line of an export, as <c>/v1/audit/export</c> and the server's pruning write it.</summary>
internal sealed record ExportedRecord(
    long Sequence, DateTime At, string Actor, Guid? TenantId, string Action, string Target, string? RequestId, string? Detail,
    string PreviousHash, string Hash);

/// <summary>
/// What <c>audit verify-export</c> found: the records that chain from <see cref="FirstSequence"/> to
/// <see cref="LastSequence"/>, whose last hash is what the server's anchor must hold, or where they break.
/// </summary>
internal sealed record ExportVerification(
    bool Valid, long Records, long? FirstSequence, long? LastSequence, string? LastHash, long? BrokenAt, string? File, long? Line, string? Reason);

/// <summary>
/// Recomputes every record's hash in export files, away from the server (the same <see cref="AuditChain"/> the server
/// uses is compiled in), and checks each record links to the one before it, across files in the order given.
/// </summary>
internal static class AuditExportCheck
{
    public static async Task<ExportVerification> VerifyAsync(IReadOnlyList<FileInfo> files, string? anchorHash, CancellationToken cancellationToken)
    {
        long records = 0;
        long? first = null;
        ExportedRecord? last = null;
        foreach (var file in files)
        {
            long line = 0;
            await foreach (var text in LinesAsync(file, cancellationToken))
            {
                line++;
                var record = Parse(text);
                var broken = record is null ? "it is not an audit record"
                    // The first file of a set that does not start at record 1 can only be checked from its own first record on.
                    : last is null && record.Sequence != 1 ? Break(record, record.Sequence, Convert.FromHexString(record.PreviousHash))
                    : Break(record, (last?.Sequence ?? 0) + 1, last is null ? AuditChain.Genesis : Convert.FromHexString(last.Hash));
                if (broken is not null)
                {
                    return new(false, records, first, last?.Sequence, last?.Hash, record?.Sequence, file.Name, line, $"{file.Name} line {line}: {broken}.");
                }
                first ??= record!.Sequence;
                last = record;
                records++;
            }
        }
        if (anchorHash is not null && !string.Equals(anchorHash, last?.Hash, StringComparison.OrdinalIgnoreCase))
        {
            return new(false, records, first, last?.Sequence, last?.Hash, last?.Sequence, files[^1].Name, null,
                $"The last record's hash is not the anchor's ({anchorHash}): the files do not end where the server's trail starts.");
        }
        return new(true, records, first, last?.Sequence, last?.Hash, null, null, null, null);
    }

    private static string? Break(ExportedRecord r, long expected, byte[] previous)
    {
        if (!IsHash(r.PreviousHash) || !IsHash(r.Hash))
        {
            return "its hashes are not 64 hex digits";
        }
        var previousHash = Convert.FromHexString(r.PreviousHash);
        var recomputed = AuditChain.HashOf(r.Sequence, r.At, r.Actor, r.TenantId, r.Action, r.Target, r.RequestId, r.Detail, previousHash);
        return AuditChain.Break(expected, previous, r.Sequence, previousHash, Convert.FromHexString(r.Hash), recomputed);
    }

    private static bool IsHash(string hex) => hex.Length == 64 && hex.All(Uri.IsHexDigit);

    private static ExportedRecord? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, CliJson.Default.ExportedRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The file's lines, gunzipped when it starts with gzip's magic bytes (a pruning export) and read as is when not (<c>audit export</c>).</summary>
    private static async IAsyncEnumerable<string> LinesAsync(FileInfo file, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = file.OpenRead();
        var magic = new byte[2];
        var gzipped = await stream.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken) == 2 && magic is [0x1f, 0x8b];
        stream.Position = 0;
        using var reader = new StreamReader(gzipped ? new GZipStream(stream, CompressionMode.Decompress) : stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
