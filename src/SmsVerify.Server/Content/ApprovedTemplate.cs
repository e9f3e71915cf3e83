using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Content;

/// <summary>An approved template of a tenant, as sends use it.</summary>
public sealed record ApprovedTemplate(string Code, TemplateType Type, string Content, List<TemplateVariable> Variables, Guid? ApplicationId)
{
    /// <summary>This template under <paramref name="signature"/>: what a send of the pair renders and checks.</summary>
    public ApprovedContent With(ApprovedSignature signature) =>
        new(signature.Id, signature.Name, signature.Purpose, signature.Extension, Code, Type, Content, Variables, ApplicationId);
}
