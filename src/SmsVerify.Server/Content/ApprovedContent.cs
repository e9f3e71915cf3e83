using System.Text;
using SmsVerify.Server.Signatures.Rules;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Content;

/// <summary>
/// An approved signature and template of a tenant, as a send uses them. <see cref="Render"/> gives the text the
/// phone shows: the signature in 【】 first, as Chinese carriers require, then the filled template.
/// <see cref="ApplicationId"/> is the landing application the template is tied to, if any.
/// </summary>
public sealed record ApprovedContent(
    Guid SignatureId, string Signature, SignaturePurpose Purpose, string? SourceExtension, string Template, TemplateType Type, string Content,
    IReadOnlyList<TemplateVariable> Variables, Guid? ApplicationId = null)
{
    /// <summary>The one code variable of a verification template.</summary>
    public string? CodeVariable => Variables.FirstOrDefault(v => v.Type == VariableType.Code)?.Name;

    /// <summary>Fills the template; the values must already have passed <see cref="SendParameters.Check"/>.</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        var rendering = TemplateRenderer.Render(Content, values);
        var text = new StringBuilder(Signature.Length + 2 + Content.Length + 16).Append('【').Append(Signature).Append('】');
        // Checked before: a gap here would be a bug, never a message with a hole in it.
        return text.Append(rendering.Text ?? throw new InvalidOperationException(rendering.Error)).ToString();
    }
}
