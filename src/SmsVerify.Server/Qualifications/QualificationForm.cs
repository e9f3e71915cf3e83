namespace SmsVerify.Server.Qualifications;

/// <summary>The multipart form of <c>POST /v1/qualifications</c>; which fields apply depends on <see cref="Kind"/>.</summary>
public sealed class QualificationForm
{
    public const int MaxNameLength = 100;

    public string? Kind { get; set; }
    public string? RealName { get; set; }
    public string? IdNumber { get; set; }
    public string? CompanyName { get; set; }
    public string? CreditCode { get; set; }
    public string? LicenceStatus { get; set; }
    public string? EstablishedOn { get; set; }
    public string? LegalRepName { get; set; }
    public string? LegalRepIdNumber { get; set; }
    public string? Industry { get; set; }
    public IFormFile? IdCardFront { get; set; }
    public IFormFile? IdCardBack { get; set; }
    public IFormFile? Licence { get; set; }
    public IFormFile? LegalRepVideo { get; set; }
    public IFormFile? Selfie { get; set; }

    /// <summary>The files sent, by form field name.</summary>
    public IEnumerable<(string Field, IFormFile File)> Files() =>
        new (string, IFormFile?)[]
        {
            ("idCardFront", IdCardFront), ("idCardBack", IdCardBack), ("licence", Licence), ("legalRepVideo", LegalRepVideo), ("selfie", Selfie),
        }.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));
}
