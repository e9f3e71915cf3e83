using System.Text.RegularExpressions;
using SmsVerify.Server.Compat.Credentials;

namespace SmsVerify.Server.Compat.Serving;

/// <summary>
/// Where the vendor APIs listen (<c>Compat</c> in configuration, docs/compat.md "Serving"). With nothing set all
/// three share the server's port: Alibaba and Tencent at <c>/</c>, Twilio under <c>/v2</c>.
/// </summary>
public sealed class CompatOptions
{
    public VendorPortOptions Alibaba { get; set; } = new();

    public VendorPortOptions Tencent { get; set; } = new();

    public TwilioPortOptions Twilio { get; set; } = new();

    public VendorPortOptions For(Vendor vendor) => vendor switch
    {
        Vendor.Alibaba => Alibaba,
        Vendor.Tencent => Tencent,
        _ => Twilio,
    };
}

/// <summary>A vendor API's own port, if it has one.</summary>
public class VendorPortOptions
{
    /// <summary>A port the server also listens on, serving only this vendor's API there; unset, none.</summary>
    public int? Port { get; set; }

    /// <summary>
    /// Whether the API is still served on the server's main port too. On by default, so that giving a vendor a port
    /// of its own breaks no client already pointed at the main one; only meaningful with <see cref="Port"/> set.
    /// </summary>
    public bool OnMainPort { get; set; } = true;
}

public sealed partial class TwilioPortOptions : VendorPortOptions
{
    /// <summary>
    /// A path Twilio Verify is also served under, before its <c>/v2</c> (for example <c>/twilio</c>, as in an SDK
    /// endpoint <c>http://host:port/twilio</c>); unset, only <c>/v2</c>. Segments of letters, digits, <c>-</c> and <c>_</c>.
    /// </summary>
    public string? PathPrefix { get; set; }

    [GeneratedRegex("^(/[A-Za-z0-9_-]{1,32}){1,4}$")]
    internal static partial Regex PrefixPattern();
}
