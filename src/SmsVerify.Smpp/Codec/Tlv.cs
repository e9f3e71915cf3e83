namespace SmsVerify.Smpp.Codec;

/// <summary>An optional parameter the library has no typed property for, kept as it came (SMPP v3.4 §3.2.1.1).</summary>
public readonly record struct Tlv(ushort Tag, ReadOnlyMemory<byte> Value);

/// <summary>network_error_code (§5.3.2.31): network type (1 = ANSI-136, 2 = IS-95, 3 = GSM …) and its error code.</summary>
public readonly record struct NetworkErrorCode(byte NetworkType, ushort ErrorCode);
