namespace SmsVerify.Server.Signatures;

/// <summary>The multipart form of <c>POST /v1/signatures</c> and its pre-check: the name, its source and its proof.</summary>
public sealed class SignatureForm
{
    /// <summary>Longer names are a finding (2–12 characters); only absurd input is refused outright.</summary>
    public const int MaxNameLength = 50;

    public string? Name { get; set; }
    public string? Source { get; set; }
    public string? Purpose { get; set; }
    public Guid? ApplicationId { get; set; }
    public string? TrademarkNumber { get; set; }
    public IFormFile? TrademarkCertificate { get; set; }
    public IFormFile? PowerOfAttorney { get; set; }
    public IFormFile? ThirdPartyQualification { get; set; }

    public IEnumerable<(string Field, IFormFile File)> Files() =>
        new (string, IFormFile?)[]
        {
            ("trademarkCertificate", TrademarkCertificate), ("powerOfAttorney", PowerOfAttorney), ("thirdPartyQualification", ThirdPartyQualification),
        }.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));
}
