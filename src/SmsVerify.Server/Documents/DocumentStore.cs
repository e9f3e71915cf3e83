using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Documents;

/// <summary>A stored document: what it is, how big, and the SHA-256 of its content (for the audit trail).</summary>
public sealed record StoredDocument(Guid Id, Guid TenantId, DocumentType Type, long Size, string Sha256);

/// <summary>
/// Personal documents (ID cards, licences, verification videos) on local disk, encrypted with AES-GCM under a
/// key derived from the server's master secret. The document id and tenant are the associated data, so a file
/// moved to another name or tenant no longer decrypts. Files are written to a temporary name and renamed, so a
/// crash never leaves half a document. Access control and audited reads belong to the callers.
/// </summary>
public sealed class DocumentStore(ServerKeys keys, IOptions<DocumentOptions> options)
{
    private static readonly byte[] Magic = "SVD1"u8.ToArray();

    private readonly DocumentOptions _options = options.Value;

    /// <summary>Checks the content's type and size, then stores it encrypted.</summary>
    public async Task<Outcome<StoredDocument>> SaveAsync(Guid tenantId, string field, Stream content, CancellationToken cancellationToken)
    {
        var largest = Math.Max(_options.MaxImageBytes, Math.Max(_options.MaxPdfBytes, _options.MaxVideoBytes));
        var plain = await ReadAtMostAsync(content, largest + 1, cancellationToken);
        if (DocumentTypes.Sniff(plain) is not { } type)
        {
            return Invalid(field, "must be a JPEG, PNG, PDF or MP4 file (judged by its content, not its name).");
        }
        if (plain.Length > _options.MaxBytes(type))
        {
            return Invalid(field, $"is larger than the {_options.MaxBytes(type) / (1024 * 1024)} MiB allowed for {type} files.");
        }
        var id = Guid.CreateVersion7();
        var path = PathOf(tenantId, id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, Encrypt(tenantId, id, plain), cancellationToken);
        File.Move(temporary, path);
        return new StoredDocument(id, tenantId, type, plain.Length, Convert.ToHexStringLower(SHA256.HashData(plain)));
    }

    /// <summary>The document's content, or null when this tenant has no such document.</summary>
    public async Task<byte[]?> ReadAsync(Guid tenantId, Guid id, CancellationToken cancellationToken)
    {
        var path = PathOf(tenantId, id);
        return File.Exists(path) ? Decrypt(tenantId, id, await File.ReadAllBytesAsync(path, cancellationToken)) : null;
    }

    /// <summary>
    /// Re-encrypts under the current key every document an older master key encrypted (a rotation). Each file is
    /// replaced the way it was written, through a temporary name, so a crash leaves the old file or the new one.
    /// </summary>
    public async Task<ResealTally> ResealAsync(CancellationToken cancellationToken)
    {
        var tally = new ResealTally();
        var root = Path.GetFullPath(_options.Directory);
        if (!Directory.Exists(root))
        {
            return tally;
        }
        foreach (var path in Directory.EnumerateFiles(root, "*.bin", SearchOption.AllDirectories))
        {
            if (!Guid.TryParseExact(Path.GetFileName(Path.GetDirectoryName(path)), "N", out var tenantId)
                || !Guid.TryParseExact(Path.GetFileNameWithoutExtension(path), "N", out var id))
            {
                continue;
            }
            var sealedBytes = await File.ReadAllBytesAsync(path, cancellationToken);
            if (!sealedBytes.AsSpan().StartsWith(Magic)
                || !Sealing.TryOpen(keys.Documents, sealedBytes.AsSpan(Magic.Length), AssociatedData(tenantId, id), out var plain, out var keyIndex))
            {
                tally += new ResealTally(0, 1);
                continue;
            }
            if (keyIndex > 0)
            {
                await File.WriteAllBytesAsync(path + ".tmp", Encrypt(tenantId, id, plain), cancellationToken);
                File.Move(path + ".tmp", path, overwrite: true);
                tally += new ResealTally(1, 0);
            }
        }
        return tally;
    }

    private string PathOf(Guid tenantId, Guid id) => Path.Combine(Path.GetFullPath(_options.Directory), tenantId.ToString("N"), id.ToString("N") + ".bin");

    private byte[] Encrypt(Guid tenantId, Guid id, byte[] plain)
    {
        var sealedBytes = Sealing.Seal(keys.Documents, plain, AssociatedData(tenantId, id), prefix: Magic.Length);
        Magic.CopyTo(sealedBytes, 0);
        return sealedBytes;
    }

    private byte[] Decrypt(Guid tenantId, Guid id, byte[] sealedBytes) => sealedBytes.AsSpan().StartsWith(Magic)
        ? Sealing.Open(keys.Documents, sealedBytes.AsSpan(Magic.Length), AssociatedData(tenantId, id))
        : throw new CryptographicException("Not a SmsVerify document file.");

    private static byte[] AssociatedData(Guid tenantId, Guid id) => [.. tenantId.ToByteArray(), .. id.ToByteArray()];

    private static async Task<byte[]> ReadAtMostAsync(Stream content, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ApiError Invalid(string field, string reason) => ProblemTypes.Invalid(field, $"{field} {reason}");
}
