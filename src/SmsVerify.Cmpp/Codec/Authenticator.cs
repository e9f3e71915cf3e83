using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmsVerify.Cmpp.Codec;

/// <summary>The two MD5 digests of the login, CMPP 2.0/3.0 §7.4.1.1 and §7.4.1.2.</summary>
public static class Authenticator
{
    /// <summary>Timestamp as CMPP_CONNECT carries it: the decimal number MMDDHHMMSS.</summary>
    public static uint Timestamp(DateTime time) => (uint)((time.Month * 100_000_000) + (time.Day * 1_000_000)
        + (time.Hour * 10_000) + (time.Minute * 100) + time.Second);

    /// <summary>
    /// AuthenticatorSource = MD5(Source_Addr + 9 zero octets + shared secret + timestamp), the timestamp as its ten
    /// digits, zero-padded on the left ("0102030405" for 2 January 03:04:05).
    /// </summary>
    public static byte[] Source(string sourceAddr, string sharedSecret, uint timestamp)
    {
        var digits = timestamp.ToString("0000000000", CultureInfo.InvariantCulture);
        var input = new List<byte>(64);
        input.AddRange(Encoding.ASCII.GetBytes(sourceAddr));
        input.AddRange(new byte[9]);
        input.AddRange(Encoding.ASCII.GetBytes(sharedSecret));
        input.AddRange(Encoding.ASCII.GetBytes(digits));
        return MD5.HashData(input.ToArray());
    }

    /// <summary>
    /// AuthenticatorISMG = MD5(Status + AuthenticatorSource + shared secret), Status in its own width: one octet in
    /// CMPP 2.0, four big-endian octets in CMPP 3.0.
    /// </summary>
    public static byte[] Ismg(uint status, ReadOnlySpan<byte> authenticatorSource, string sharedSecret, CmppVersion version)
    {
        var input = new List<byte>(64);
        if (version == CmppVersion.V20)
        {
            input.Add((byte)status);
        }
        else
        {
            Span<byte> wide = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(wide, status);
            input.AddRange(wide);
        }
        input.AddRange(authenticatorSource);
        input.AddRange(Encoding.ASCII.GetBytes(sharedSecret));
        return MD5.HashData(input.ToArray());
    }
}
