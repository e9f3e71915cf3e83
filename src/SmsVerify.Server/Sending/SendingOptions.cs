using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Sending;

public sealed class SendingOptions
{
    /// <summary>The longest value a <c>text</c> variable takes (35 by default, as Alibaba's rule for variables).</summary>
    [Range(1, 200)]
    public int MaxTextParameterLength { get; set; } = 35;

    /// <summary>
    /// How long a node keeps a tenant's approved signatures and templates once a send named them. A signature or
    /// template that is changed, rejected or deleted stops sending at once on the node that changed it, and on the
    /// others within this time. 0 reads them for every send.
    /// </summary>
    [Range(0, 300)]
    public int ContentCacheSeconds { get; set; } = 5;
}
