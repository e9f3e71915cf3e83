using System.Buffers;

namespace SmsVerify.Smpp.Tests.Support;

/// <summary>Hex helpers and a way to split a buffer into a multi-segment sequence, as a socket would deliver it.</summary>
internal static class Bytes
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    public static ReadOnlySequence<byte> Segmented(byte[] data, params int[] cuts)
    {
        if (cuts.Length == 0)
        {
            return new ReadOnlySequence<byte>(data);
        }
        Segment? first = null, last = null;
        var start = 0;
        foreach (var cut in cuts.Append(data.Length))
        {
            var piece = new Segment(data.AsMemory(start, cut - start));
            if (first is null)
            {
                first = last = piece;
            }
            else
            {
                last = last!.Append(piece);
            }
            start = cut;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
            return next;
        }
    }
}
