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
            Check(c.Port is >= 1 and <= 65535, $"Port {c.Port} is not 1–65535.");
            // SMPP v3.4 §5.2: C-octet strings whose maximum counts the NUL.
            Check(!string.IsNullOrEmpty(c.SystemId) && c.SystemId.Length <= 15, "SystemId is required, at most 15 characters.");
            Check(c.Password.Length <= 8, "Password is at most 8 characters.");
            Check(c.SystemType.Length <= 12, "SystemType is at most 12 characters.");
            Check(c.SourceAddress.Length <= 20 && c.SourceAddress.All(char.IsAsciiLetterOrDigit), "SourceAddress is at most 20 letters or digits.");
            Check(c.Binds is >= 1 and <= 64, $"Binds {c.Binds} is not 1–64.");
            Check(c.ReceiverBinds is >= 0 and <= 64, $"ReceiverBinds {c.ReceiverBinds} is not 0–64.");
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
}
