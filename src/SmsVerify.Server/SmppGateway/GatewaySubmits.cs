using Microsoft.Extensions.Options;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Risk.Screening;
using SmsVerify.Server.Sending;
using SmsVerify.Server.Signatures;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Text;

namespace SmsVerify.Server.SmppGateway;

/// <summary>
/// One submit_sm or data_sm, from text to the send pipeline: parts of a long message joined first, the whole text
/// matched to one of the tenant's approved templates (<see cref="ContentResolver.MatcherAsync"/>), and the match
/// sent as the native API sends that template with those values. A text that matches nothing is refused and
/// recorded as a content violation; every other refusal is the pipeline's, mapped by <see cref="SubmitStatus"/>.
/// </summary>
internal sealed partial class GatewaySubmits(
    IServiceScopeFactory scopes, ContentResolver contents, SendScreen screen, IOptions<SendingOptions> sending, IOptions<SmppListenerOptions> options,
    TimeProvider clock, ILogger<GatewaySubmits> logger)
{
    public async Task<(uint Status, string? MessageId)> SubmitAsync(GatewayBind bind, IncomingText incoming)
    {
        if (incoming.Text is not { } read)
        {
            return (SubmitStatus.InvalidDataCoding, null);
        }
        var id = Guid.CreateVersion7();
        var text = read.Text;
        if (read.Part is { } part)
        {
            var key = $"{incoming.SourceAddr}\n{incoming.DestinationAddr}\n{part.Reference}";
            var added = bind.Parts.Add(key, part, read.Text);
            foreach (var dropped in bind.Parts.DropExpired())
            {
                Log.PartsDropped(logger, bind.Account.SystemId, LogSafe.Numbers(dropped));
            }
            switch (added.Outcome)
            {
                case AssembleOutcome.Waiting or AssembleOutcome.Duplicate:
                    // Every part is answered with the id the whole message will have, so a receipt matches any of them.
                    return (CommandStatus.Ok, LongMessageId(bind, key, incoming.RegisteredDelivery).ToString());
                case AssembleOutcome.Full:
                    return (CommandStatus.MessageQueueFull, null);
                case AssembleOutcome.Inconsistent:
                    return (CommandStatus.SubmitFailed, null);
            }
            text = added.Text!;
            if (bind.LongMessageIds.TryRemove(key, out var first))
            {
                // Gateways ask for the receipt on one part only (Kannel on the first): the message owes one if any part asked.
                id = first.Id;
                incoming = incoming with { RegisteredDelivery = Receipt(first.Receipt, incoming.RegisteredDelivery) };
            }
        }
        return await SendAsync(bind, incoming, text, id);
    }

    /// <summary>The id of the long message held under <paramref name="key"/>, made with its first part; ids older than any held part are forgotten.</summary>
    private Guid LongMessageId(GatewayBind bind, string key, byte registeredDelivery)
    {
        var now = clock.GetUtcNow();
        if (bind.LongMessageIds.Count >= options.Value.MaxLongMessagesInParts)
        {
            foreach (var (stale, held) in bind.LongMessageIds)
            {
                if (now - held.At > options.Value.PartHoldTime)
                {
                    bind.LongMessageIds.TryRemove(stale, out _);
                }
            }
        }
        return bind.LongMessageIds.AddOrUpdate(key, static (_, a) => (Guid.CreateVersion7(), a.now, Receipt(0, a.registeredDelivery)),
            static (_, held, a) => held with { Receipt = Receipt(held.Receipt, a.registeredDelivery) }, (now, registeredDelivery)).Id;
    }

    /// <summary>The receipt the parts asked for together (registered_delivery bits 0–1): any outcome (1) over failures only (2) over none.</summary>
    private static byte Receipt(byte one, byte other) => (one & 0x03, other & 0x03) switch
    {
        (1, _) or (_, 1) => 1,
        (2, _) or (_, 2) => 2,
        _ => 0,
    };

    private async Task<(uint Status, string? MessageId)> SendAsync(GatewayBind bind, IncomingText incoming, string text, Guid id)
    {
        var account = bind.Account;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var matcher = await contents.MatcherAsync(db, account.TenantId, CancellationToken.None);
        var match = matcher.Match(text, Extension(incoming.SourceAddr), sending.Value.MaxTextParameterLength);
        if (match.Content is not { } content)
        {
            await screen.RecordUnmatchedAsync(account.TenantId, match.NamedSignature, text);
            return (SubmitStatus.For(match.Refusal!), null);
        }
        var receipt = (incoming.RegisteredDelivery & 0x03) is 1 or 2;
        var request = new SendRequest(account.TenantId, account.Mode, [Recipient(incoming)], content.Signature, content.Template, match.Values)
        {
            MessageId = id,
            Actor = $"smpp:{account.SystemId}",
            Companion = receipt ? message => Receipt(account, incoming, message) : null,
        };
        var pipeline = scope.ServiceProvider.GetRequiredService<SendPipeline>();
        var sent = await pipeline.SendAsync(request, remember: null, CancellationToken.None);
        return sent.Error is { } refused ? (SubmitStatus.For(refused), null) : (CommandStatus.Ok, sent.Value!.Messages[0].Id.ToString());
    }

    private static OwedDelivery Receipt(BoundAccount account, IncomingText incoming, Messages.MessageRecord message) => new()
    {
        AccountId = account.Id,
        MessageId = message.Id,
        FailuresOnly = (incoming.RegisteredDelivery & 0x03) == 2,
        // A receipt comes from the phone and goes to whoever sent the message.
        SourceAddr = CarrierFields.Bounded(incoming.DestinationAddr, OwedDelivery.MaxAddressLength),
        DestinationAddr = CarrierFields.Bounded(incoming.SourceAddr, OwedDelivery.MaxAddressLength),
        CreatedAt = message.CreatedAt,
        NextAttemptAt = message.CreatedAt,
    };

    public void Failed(GatewayBind bind, Exception e) => Log.SubmitFailed(logger, bind.Account.SystemId, e);

    /// <summary>
    /// The number as the pipeline parses it. An international number (TON 1), or 86 and a mainland mobile number
    /// however its TON is set (Kannel sends TON 2 with 8613…), gets its '+'; anything else is read as written (a
    /// national 11-digit number, +86…, 0086…).
    /// </summary>
    internal static string Recipient(IncomingText incoming)
    {
        var to = incoming.DestinationAddr;
        var digits = to.Length > 0 && !to.AsSpan().ContainsAnyExceptInRange('0', '9');
        return digits && (incoming.DestinationTon == 1 || (to.Length == 13 && to.StartsWith("861", StringComparison.Ordinal))) ? "+" + to : to;
    }

    /// <summary>The signature's extension a source address ends with: its last digits, when it is all digits and long enough.</summary>
    internal static string? Extension(string sourceAddr) =>
        sourceAddr.Length >= SourceExtensions.Length && !sourceAddr.AsSpan().ContainsAnyExceptInRange('0', '9')
            ? sourceAddr[^SourceExtensions.Length..] : null;

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Error, "A submit from SMPP account {SystemId} failed; answered ESME_RSYSERR")]
        public static partial void SubmitFailed(ILogger logger, string systemId, Exception exception);

        [LoggerMessage(11, LogLevel.Warning, "SMPP account {SystemId}: a long message's parts stopped coming and were dropped ({Parts})")]
        public static partial void PartsDropped(ILogger logger, string systemId, string parts);
    }
}
