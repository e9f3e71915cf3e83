using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Security;

namespace SmsVerify.Server.Messages;

/// <summary>Seals the text of a queued message to its id, and opens it for the worker that submits it.</summary>
public sealed class MessageTexts(ServerKeys keys)
{
    public byte[] Seal(Guid messageId, string text) =>
        Sealing.Seal(keys.MessageSeal, Encoding.UTF8.GetBytes(text), messageId.ToByteArray());

    public string Open(Guid messageId, byte[] sealedText) =>
        Encoding.UTF8.GetString(Sealing.Open(keys.MessageSeal, sealedText, messageId.ToByteArray()));

    /// <summary>The texts of messages still waiting for a carrier, for a master key rotation.</summary>
    public static readonly SealedColumn Sealed = new("queued message texts", keys => keys.MessageSeal,
        db => db.Messages.Where(m => m.TextSeal != null).OrderBy(m => m.Id).Select(m => new SealedRow(m.Id, m.TextSeal!, m.Id)),
        (db, row, resealed, _, _) => db.Messages.Where(m => m.Id == row.Id && m.TextSeal == row.Sealed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.TextSeal, resealed)));
}
