using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Tests.Documents;

public sealed class DocumentStoreTests : IDisposable
{
    private static readonly byte[] JpegHead = [0xFF, 0xD8, 0xFF, 0xE0];
    private readonly string _directory = Directory.CreateTempSubdirectory("smsverify-docs-").FullName;
    private readonly byte[] _masterKey = RandomNumberGenerator.GetBytes(32);
    private readonly Guid _tenant = Guid.NewGuid();

    private DocumentStore Store(int maxImageBytes = 1024 * 1024, byte[]? masterKey = null, byte[][]? olderKeys = null)
    {
        var keys = new ServerKeys();
        keys.Initialize(masterKey ?? _masterKey, olderKeys);
        return new DocumentStore(keys, Options.Create(new DocumentOptions { Directory = _directory, MaxImageBytes = maxImageBytes }));
    }

    private static MemoryStream Jpeg(string body) => new([.. JpegHead, .. Encoding.UTF8.GetBytes(body)]);

    [Fact]
    public async Task Save_Jpeg_IsStoredEncryptedAndReadsBackWhole()
    {
        var saved = (await Store().SaveAsync(_tenant, "idCardFront", Jpeg("SECRET-RESIDENT-ID-110105"), CancellationToken.None)).Value!;

        Assert.Equal(DocumentType.Jpeg, saved.Type);
        Assert.Equal(JpegHead.Length + 25, saved.Size);
        var onDisk = await File.ReadAllBytesAsync(Directory.GetFiles(_directory, "*.bin", SearchOption.AllDirectories).Single());
        Assert.DoesNotContain("SECRET-RESIDENT-ID", Encoding.UTF8.GetString(onDisk));
        var read = await Store().ReadAsync(_tenant, saved.Id, CancellationToken.None);
        Assert.Equal(Jpeg("SECRET-RESIDENT-ID-110105").ToArray(), read);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(read!)), saved.Sha256);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0 }, DocumentType.Png)]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1', (byte)'.', (byte)'7' }, DocumentType.Pdf)]
    [InlineData(new byte[] { 0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m' }, DocumentType.Mp4)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDB }, DocumentType.Jpeg)]
    public void Sniff_AcceptedTypes_AreRecognisedByContent(byte[] head, DocumentType type) => Assert.Equal(type, DocumentTypes.Sniff(head));

    [Fact]
    public async Task Save_TextNamedLikeAnImage_IsRefusedNamingTheField()
    {
        var outcome = await Store().SaveAsync(_tenant, "licence", new MemoryStream("just text"u8.ToArray()), CancellationToken.None);
        Assert.Equal("invalid_argument", outcome.Error!.Type.Code);
        Assert.Equal("licence", outcome.Error.Extensions!["field"]);
        Assert.Empty(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Save_ImageOverTheLimit_IsRefused()
    {
        var outcome = await Store(maxImageBytes: 100).SaveAsync(_tenant, "selfie", Jpeg(new string('x', 200)), CancellationToken.None);
        Assert.Contains("larger than", outcome.Error!.Detail);
        Assert.Empty(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Reseal_AfterTheMasterKeyRotated_ReadsUnderTheNewKeyAlone()
    {
        var saved = (await Store().SaveAsync(_tenant, "licence", Jpeg("LICENCE"), CancellationToken.None)).Value!;
        var newKey = RandomNumberGenerator.GetBytes(32);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Store(masterKey: newKey).ReadAsync(_tenant, saved.Id, CancellationToken.None));

        var rotating = Store(masterKey: newKey, olderKeys: [_masterKey]);
        Assert.Equal(Jpeg("LICENCE").ToArray(), await rotating.ReadAsync(_tenant, saved.Id, CancellationToken.None));
        Assert.Equal(new ResealTally(1, 0), await rotating.ResealAsync(CancellationToken.None));
        Assert.Equal(new ResealTally(0, 0), await rotating.ResealAsync(CancellationToken.None));

        Assert.Equal(Jpeg("LICENCE").ToArray(), await Store(masterKey: newKey).ReadAsync(_tenant, saved.Id, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Reseal_DocumentNoKnownKeyOpens_IsCountedAndLeftAsItIs()
    {
        await Store().SaveAsync(_tenant, "licence", Jpeg("LICENCE"), CancellationToken.None);
        var file = Directory.GetFiles(_directory, "*.bin", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(file);

        var unrelated = Store(masterKey: RandomNumberGenerator.GetBytes(32), olderKeys: [RandomNumberGenerator.GetBytes(32)]);
        Assert.Equal(new ResealTally(0, 1), await unrelated.ResealAsync(CancellationToken.None));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task Read_OtherTenantsDocument_IsNotFound()
    {
        var saved = (await Store().SaveAsync(_tenant, "licence", Jpeg("x"), CancellationToken.None)).Value!;
        Assert.Null(await Store().ReadAsync(Guid.NewGuid(), saved.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Read_FileMovedToAnotherTenant_DoesNotDecrypt()
    {
        var saved = (await Store().SaveAsync(_tenant, "licence", Jpeg("x"), CancellationToken.None)).Value!;
        var other = Guid.NewGuid();
        var source = Directory.GetFiles(_directory, "*.bin", SearchOption.AllDirectories).Single();
        Directory.CreateDirectory(Path.Combine(_directory, other.ToString("N")));
        File.Copy(source, Path.Combine(_directory, other.ToString("N"), Path.GetFileName(source)));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Store().ReadAsync(other, saved.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Read_WithAnotherMasterKey_DoesNotDecrypt()
    {
        var saved = (await Store().SaveAsync(_tenant, "licence", Jpeg("x"), CancellationToken.None)).Value!;
        await Assert.ThrowsAnyAsync<CryptographicException>(() =>
            Store(masterKey: RandomNumberGenerator.GetBytes(32)).ReadAsync(_tenant, saved.Id, CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
