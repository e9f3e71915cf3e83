using Microsoft.Extensions.Options;

namespace SmsVerify.Server.Channels;

/// <summary>Checks the <c>Channels</c> list at start, naming the channel and the setting in each message.</summary>
internal sealed class ChannelOptionsValidator : IValidateOptions<List<ChannelOptions>>
{
    public ValidateOptionsResult Validate(string? name, List<ChannelOptions> options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Errors(IReadOnlyList<ChannelOptions> channels)
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < channels.Count; i++)
        {
            var c = channels[i];
            var at = string.IsNullOrWhiteSpace(c.Name) ? $"Channels:{i}" : $"Channels:{i} ({c.Name})";
            void Check(bool ok, string message)
            {
                if (!ok)
                {
                    errors.Add($"{at}: {message}");
                }
            }
            Check(!string.IsNullOrWhiteSpace(c.Name), "Name is required.");
            Check(c.Name.Length <= ChannelOptions.MaxNameLength, $"Name is at most {ChannelOptions.MaxNameLength} characters.");
            Check(!c.Name.Equals(SandboxCarrierChannel.ChannelName, StringComparison.OrdinalIgnoreCase), "Name 'sandbox' is the built-in sandbox carrier.");
            Check(string.IsNullOrWhiteSpace(c.Name) || names.Add(c.Name), $"Name '{c.Name}' is used by another channel.");
            Check(!string.IsNullOrWhiteSpace(c.Host), "Host is required.");
            Check(c.Port is null or (>= 1 and <= 65535), $"Port {c.Port} is not 1–65535.");
            Check(Enum.IsDefined(c.Protocol), "Protocol is smpp, cmpp2 or cmpp3.");
            if (c.IsCmpp)
            {
                CmppErrors(c, Check);
            }
            else
            {
                SmppErrors(c, Check);
            }
            Check(c.Binds is >= 1 and <= 64, $"Binds {c.Binds} is not 1–64.");
            Check(c.Window is >= 1 and <= 1000, $"Window {c.Window} is not 1–1000.");
            Check(c.MessagesPerSecond >= 0, "MessagesPerSecond is 0 (unlimited) or more.");
            Check(c.InboundConcurrency is >= 1 and <= 1000, $"InboundConcurrency {c.InboundConcurrency} is not 1–1000.");
            Check(c.ReceiptUtcOffset.Duration() <= TimeSpan.FromHours(14), "ReceiptUtcOffset is within ±14 hours.");
            Check(c.ReconnectDelay > TimeSpan.Zero && c.ReconnectDelay <= c.ReconnectMaxDelay && c.ReconnectMaxDelay <= TimeSpan.FromMinutes(10),
                "ReconnectDelay is positive and at most ReconnectMaxDelay, which is at most 10 minutes.");
            foreach (var carrier in c.Carriers)
            {
                Check(Enum.TryParse<Carrier>(carrier, ignoreCase: true, out _) && !int.TryParse(carrier, out _),
                    $"Carriers has '{carrier}'; use {string.Join(", ", Enum.GetNames<Carrier>())}.");
            }
            var b = c.Breaker;
            Check(b.Window > TimeSpan.Zero && b.Cooldown > TimeSpan.Zero, "Breaker Window and Cooldown are positive.");
            Check(b.MinimumSamples >= 1, "Breaker MinimumSamples is 1 or more.");
            Check(b.ErrorRate is > 0 and <= 1, "Breaker ErrorRate is above 0 and at most 1.");
        }
        return errors;
    }

    private static void SmppErrors(ChannelOptions c, Action<bool, string> check)
    {
        // SMPP v3.4 §5.2: C-octet strings whose maximum counts the NUL.
        check(!string.IsNullOrEmpty(c.SystemId) && c.SystemId.Length <= 15, "SystemId is required, at most 15 characters.");
        check(c.Password.Length <= 8, "Password is at most 8 characters.");
        check(c.SystemType.Length <= 12, "SystemType is at most 12 characters.");
        check(c.SourceAddress.Length <= 20 && c.SourceAddress.All(char.IsAsciiLetterOrDigit), "SourceAddress is at most 20 letters or digits.");
        check(c.ReceiverBinds is >= 0 and <= 64, $"ReceiverBinds {c.ReceiverBinds} is not 0–64.");
    }

    /// <summary>Field widths of CMPP_CONNECT and CMPP_SUBMIT (CMPP 2.0/3.0 §7.4.1.1, §7.4.3.1).</summary>
    private static void CmppErrors(ChannelOptions c, Action<bool, string> check)
    {
        check(c.SpId.Length is >= 1 and <= 6, "SpId (the SP_Id the ISMG gave) is required, at most 6 characters.");
        check(!string.IsNullOrEmpty(c.SharedSecret), "SharedSecret is required for a CMPP channel.");
        check(c.ServiceId.Length <= 10, "ServiceId is at most 10 characters.");
        check(c.SourceAddress.Length is >= 1 and <= 21 && c.SourceAddress.All(char.IsAsciiDigit),
            "SourceAddress (Src_Id, the SP's access number such as 1069…) is required for a CMPP channel, at most 21 digits.");
        check(c.FeeUserType <= 3, $"FeeUserType {c.FeeUserType} is not 0–3.");
        check(c.FeeUserType != 3 || c.FeeTerminalId.Length is >= 1 and <= 21, "FeeTerminalId is required when FeeUserType is 3, at most 21 digits.");
        check(c.FeeType.Length == 2 && c.FeeType.All(char.IsAsciiDigit), "FeeType is two digits (01 free, 02 per message, 03 monthly …).");
        check(c.FeeCode.Length is >= 1 and <= 6 && c.FeeCode.All(char.IsAsciiDigit), "FeeCode is at most 6 digits (the charge in fen).");
        check(c.ReceiverBinds == 0, "ReceiverBinds is for SMPP; a CMPP link receives on the link it sends on.");
        check(c.Concatenation == SmsVerify.Smpp.Text.ConcatenationMode.Udh, "Concatenation sar is for SMPP; CMPP parts always carry a header.");
    }
}
