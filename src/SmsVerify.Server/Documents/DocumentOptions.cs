using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Documents;

public sealed class DocumentOptions
{
    /// <summary>Where encrypted documents are kept (relative to the working directory).</summary>
    [Required]
    public string Directory { get; set; } = "data/documents";

    [Range(1, 100 * 1024 * 1024)]
    public int MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    [Range(1, 100 * 1024 * 1024)]
    public int MaxPdfBytes { get; set; } = 10 * 1024 * 1024;

    [Range(1, 500 * 1024 * 1024)]
    public int MaxVideoBytes { get; set; } = 50 * 1024 * 1024;

    public int MaxBytes(DocumentType type) => type switch
    {
        DocumentType.Jpeg or DocumentType.Png => MaxImageBytes,
        DocumentType.Pdf => MaxPdfBytes,
        _ => MaxVideoBytes,
    };
}
