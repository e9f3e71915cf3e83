using System.Text;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Messages;

/// <summary>Seals the text of a queued message to its id, and opens it for the worker that submits it.</summary>
public sealed class MessageTexts(ServerKeys keys)
{
    public byte[] Seal(Guid messageId, string text) =>
        Sealing.Seal(keys.MessageSealKey, Encoding.UTF8.GetBytes(text), messageId.ToByteArray());

    public string Open(Guid messageId, byte[] sealedText) =>
        Encoding.UTF8.GetString(Sealing.Open(keys.MessageSealKey, sealedText, messageId.ToByteArray()));
}
