using SmsVerify.Server.SmppGateway;

namespace SmsVerify.Server.WebConsole.Pages.App.Developers;

/// <summary>
/// The SMPP account editor's fields as typed: the addresses in one box, the numbers as text. Nothing is checked here;
/// <see cref="SmppAccounts"/> checks the request as it does the API's.
/// </summary>
public sealed class SmppAccountForm
{
    public string? SystemId { get; set; }

    /// <summary>Addresses or CIDR ranges separated by spaces, commas or lines; empty: any.</summary>
    public string? AllowedAddresses { get; set; }
    public string? MaxBinds { get; set; }
    public string? Window { get; set; }
    public string? MessagesPerSecond { get; set; }

    /// <summary>An unticked box is not posted: the editor always posts the whole form, so absent means no.</summary>
    public bool ReceivesReplies { get; set; }

    /// <summary>A new account's form, filled with the entity's own defaults so the two cannot drift apart.</summary>
    public static SmppAccountForm New()
    {
        var defaults = new SmppAccount { SystemId = "", PasswordHash = "" };
        return new() { MaxBinds = $"{defaults.MaxBinds}", Window = $"{defaults.Window}", MessagesPerSecond = $"{defaults.MessagesPerSecond}", ReceivesReplies = defaults.ReceivesReplies };
    }

    public static SmppAccountForm From(SmppAccountView account) => new()
    {
        SystemId = account.SystemId,
        AllowedAddresses = string.Join('\n', account.AllowedAddresses),
        MaxBinds = $"{account.MaxBinds}",
        Window = $"{account.Window}",
        MessagesPerSecond = $"{account.MessagesPerSecond}",
        ReceivesReplies = account.ReceivesReplies,
    };

    public SmppAccountRequest ToRequest() => new(
        SystemId?.Trim(),
        [.. (AllowedAddresses ?? "").Split([' ', ',', '，', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)],
        Count(MaxBinds), Count(Window), Count(MessagesPerSecond), ReceivesReplies);

    // An empty box keeps the default (or the current value); anything that is not a whole number goes on as 0, which
    // every count refuses, so the service's own message names the field.
    private static int? Count(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : int.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
}
