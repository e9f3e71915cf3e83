using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Sending;

public sealed class SendingOptions
{
    /// <summary>The longest value a <c>text</c> variable takes (35 by default, as Alibaba's rule for variables).</summary>
    [Range(1, 200)]
    public int MaxTextParameterLength { get; set; } = 35;
}
