namespace SmsVerify.Smpp.Text;

/// <summary>The text of one short message, and which part of a long message it is (null for a whole message).</summary>
public sealed record MessageText(string Text, MessagePart? Part);

/// <summary>
/// Part <see cref="Sequence"/> of <see cref="Total"/> (1-based) of the long message <see cref="Reference"/>, as the UDH
/// concatenation element (3GPP TS 23.040 §9.2.3.24.1, §9.2.3.24.8) or the SAR TLVs (SMPP v3.4 §5.3.2.22–24) say.
/// </summary>
public sealed record MessagePart(int Reference, int Total, int Sequence);
