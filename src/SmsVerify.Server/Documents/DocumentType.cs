namespace SmsVerify.Server.Documents;

/// <summary>The only kinds of file a qualification may carry, told apart by their content, never their name.</summary>
public enum DocumentType { Jpeg, Png, Pdf, Mp4 }

public static class DocumentTypes
{
    /// <summary>The type from the file's first bytes (its "magic number"), or null for anything else.</summary>
    public static DocumentType? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xD8, 0xFF, ..] => DocumentType.Jpeg,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => DocumentType.Png,
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => DocumentType.Pdf,
        // ISO base media file: a box size, then "ftyp".
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', ..] => DocumentType.Mp4,
        _ => null,
    };

    public static string ContentType(this DocumentType type) => type switch
    {
        DocumentType.Jpeg => "image/jpeg",
        DocumentType.Png => "image/png",
        DocumentType.Pdf => "application/pdf",
        _ => "video/mp4",
    };
}
