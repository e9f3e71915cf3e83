using System.Collections.Concurrent;
using SmsVerify.Smpp.Codec;
using SmsVerify.Smpp.Pdus;
using SmsVerify.Smpp.Receipts;
using SmsVerify.Smpp.Server;

namespace SmsVerify.Server.Tests.Cluster;

/// <summary>
/// The carrier of the cluster tests, bound by every node: counts submits by destination and sends each one's
/// DELIVRD receipt on another node's bind where there is one, as a carrier that spreads its deliveries over an
/// account's binds does. So a receipt settles a message that another node submitted.
/// </summary>
internal sealed class ClusterSmsc : SmppServerHandler
{
    private readonly ConcurrentDictionary<string, int> _submits = new();
    private readonly ConcurrentDictionary<SmppServerSession, byte> _sessions = new();
    private int _receiptsElsewhere;
    private int _mostBinds;

    /// <summary>Submits received, by destination as the server writes it (<c>86…</c>, no plus).</summary>
    public IReadOnlyDictionary<string, int> Submits => _submits;

    /// <summary>Receipts sent on a bind other than the one their message came on.</summary>
    public int ReceiptsElsewhere => Volatile.Read(ref _receiptsElsewhere);

    public int Binds => _sessions.Keys.Count(s => s.IsBound);

    /// <summary>The most binds open at one time.</summary>
    public int MostBinds => Volatile.Read(ref _mostBinds);

    public override uint OnBind(SmppServerSession session, Bind bind)
    {
        lock (_sessions)
        {
            // A node killed outright sends no unbind: its link is closed, and no longer counts.
            _mostBinds = Math.Max(_mostBinds, _sessions.Keys.Count(s => s.IsBound) + 1);
            _sessions[session] = 0;
        }
        return CommandStatus.Ok;
    }

    public override void OnUnbound(SmppServerSession session)
    {
        lock (_sessions)
        {
            _sessions.TryRemove(session, out _);
        }
    }

    public override SubmitSmResp? OnSubmitSm(SmppServerSession session, SubmitSm submit)
    {
        _submits.AddOrUpdate(submit.DestinationAddr, 1, (_, count) => count + 1);
        return new SubmitSmResp { MessageId = NextMessageId() };
    }

    public override void OnSubmitSmAnswered(SmppServerSession session, SubmitSm submit, SubmitSmResp response)
    {
        var bound = _sessions.Keys.Where(s => s.IsBound && s.Mode != BindMode.Transmitter).ToList();
        var elsewhere = bound.Where(s => s != session).ToList();
        var target = elsewhere.Count > 0 ? elsewhere[Random.Shared.Next(elsewhere.Count)] : session;
        var now = DateTime.UtcNow;
        var receipt = DeliveryReceipt.Final(response.MessageId, MessageState.Delivered, now, now).ToDeliverSm(submit.DestinationAddr, submit.SourceAddr);
        if (target != session && target.Send(receipt))
        {
            Interlocked.Increment(ref _receiptsElsewhere);
        }
        else
        {
            session.Send(receipt);
        }
    }
}
