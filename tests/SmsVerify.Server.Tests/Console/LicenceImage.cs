using System.Buffers.Binary;
using System.IO.Compression;

namespace SmsVerify.Server.Tests.Console;

/// <summary>
/// A real PNG a browser can show (a pale card with a red seal and dark text lines), standing in for a scanned
/// business licence, so a test can see that the console displays the decrypted document, not a broken image.
/// </summary>
public static class LicenceImage
{
    public static byte[] Png(int width = 320, int height = 200)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = Pixel(x, y, width, height);
                raw[row + 1 + x * 3] = r;
                raw[row + 2 + x * 3] = g;
                raw[row + 3 + x * 3] = b;
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static (byte, byte, byte) Pixel(int x, int y, int width, int height)
    {
        var (cx, cy) = (width * 3 / 4, height * 2 / 3);
        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < 28 * 28)
        {
            return (200, 40, 40);
        }
        var line = y > 30 && y < height - 30 && (y / 12) % 2 == 0 && x > 24 && x < width * 2 / 3;
        return line ? ((byte)60, (byte)60, (byte)70) : ((byte)250, (byte)246, (byte)232);
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: a few hundred bytes per image, no table needed.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }
}
