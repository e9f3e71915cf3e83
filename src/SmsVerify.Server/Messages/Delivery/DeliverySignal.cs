using SmsVerify.Server.Infrastructure;

namespace SmsVerify.Server.Messages.Delivery;

/// <summary>Wakes the delivery worker when a message was queued on this node.</summary>
public sealed class DeliverySignal(TimeProvider clock) : WakeSignal(clock);
