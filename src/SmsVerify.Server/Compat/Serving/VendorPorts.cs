using Microsoft.Extensions.Options;
using SmsVerify.Server.Compat.Credentials;

namespace SmsVerify.Server.Compat.Serving;

/// <summary>
/// Which vendor API a connection may reach, by the local port it arrived on: a vendor's own port reaches that vendor
/// only; any other port (the main one) reaches every vendor that is not confined to its own port.
/// The local port, not the Host header, decides: a proxy may rewrite the Host, the socket it connected to it cannot.
/// </summary>
internal sealed class VendorPorts(IOptions<CompatOptions> options)
{
    private readonly CompatOptions _options = options.Value;

    /// <summary>The vendor whose own port this is, if it is one.</summary>
    public Vendor? OwnerOf(int localPort)
    {
        foreach (var vendor in Enum.GetValues<Vendor>())
        {
            if (_options.For(vendor).Port == localPort)
            {
                return vendor;
            }
        }
        return null;
    }

    public bool Serves(Vendor vendor, int localPort) => OwnerOf(localPort) is { } owner
        ? owner == vendor
        : _options.For(vendor).OnMainPort;

    /// <summary>Twilio's <c>/v2</c>, alone or under the configured prefix: every path Twilio Verify is served at.</summary>
    public bool IsTwilioPath(PathString path) =>
        path.StartsWithSegments("/v2") || (_options.Twilio.PathPrefix is { } prefix && path.StartsWithSegments(prefix + "/v2"));
}
