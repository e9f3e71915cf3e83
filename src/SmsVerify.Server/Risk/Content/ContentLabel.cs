namespace SmsVerify.Server.Risk.Content;

/// <summary>What the content classifier says a message is. The order is the model's class order.</summary>
public enum ContentLabel
{
    /// <summary>A verification code or a notification: what the platform exists to send.</summary>
    Legitimate,

    /// <summary>Advertising: allowed only through a marketing template, with an opt-out.</summary>
    Marketing,

    /// <summary>Spam or fraud: prize scams, loans, gambling, invoices, fake summonses, premium-rate traps.</summary>
    Spam,
}
