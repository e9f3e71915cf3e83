namespace SmsVerify.Client;

public sealed partial class SmsVerifyClient
{
    /// <summary>Runs the review rules on a signature against the tenant's qualification and applications; saves nothing.</summary>
    public Task<SignaturePrecheck> PrecheckSignatureAsync(SignatureRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post("v1/signatures/precheck", Form(request), repeatable: true), ClientJson.Default.SignaturePrecheck, cancellationToken);

    /// <summary>Submits a signature for review; it signs messages once approved.</summary>
    public Task<Signature> SubmitSignatureAsync(SignatureRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Post("v1/signatures", Form(request)), ClientJson.Default.Signature, cancellationToken);

    /// <summary>Judges a signature again from scratch; it goes back to review as its next version.</summary>
    public Task<Signature> ChangeSignatureAsync(Guid id, SignatureRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Put($"v1/signatures/{id}", Form(request)), ClientJson.Default.Signature, cancellationToken);

    public Task<Signature> GetSignatureAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get($"v1/signatures/{id}"), ClientJson.Default.Signature, cancellationToken);

    public Task<List<Signature>> ListSignaturesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Get("v1/signatures"), ClientJson.Default.ListSignature, cancellationToken);

    public Task DeleteSignatureAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(ApiCall.Delete($"v1/signatures/{id}"), cancellationToken);

    /// <summary>The multipart form the signature endpoints read, made anew for each attempt.</summary>
    private static Func<HttpContent> Form(SignatureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return () =>
        {
            var form = new MultipartFormDataContent();
            void Field(string name, string? value)
            {
                if (value is not null)
                {
                    form.Add(new StringContent(value), name);
                }
            }
            void File(string name, SignatureDocument? document)
            {
                if (document is not null)
                {
                    form.Add(new ReadOnlyMemoryContent(document.Content), name, document.FileName);
                }
            }
            Field("name", request.Name);
            Field("source", request.Source);
            Field("purpose", request.Purpose);
            Field("applicationId", request.ApplicationId?.ToString());
            Field("trademarkNumber", request.TrademarkNumber);
            File("trademarkCertificate", request.TrademarkCertificate);
            File("powerOfAttorney", request.PowerOfAttorney);
            File("thirdPartyQualification", request.ThirdPartyQualification);
            return form;
        };
    }
}
