namespace SmsVerify.Server.Messages.Delivery;

/// <summary>
/// Tells whoever waits on final outcomes (the SMPP listener's receipts) that a commit just settled messages on
/// this node, so it need not wait for its next poll. Raised after the commit, for the delivery path's set writes;
/// rarer outcomes are found by the poll.
/// </summary>
public sealed class MessagesSettled
{
    public event Action? Changed;

    internal void Notify() => Changed?.Invoke();
}
