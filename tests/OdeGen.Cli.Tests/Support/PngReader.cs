using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace OdeGen.Cli.Tests.Support;

/// <summary>
/// Reads back an 8-bit RGB PNG without interlacing, checking the signature and every chunk's CRC;
/// rows must use filter 0 (none), which is what the tool writes.
/// </summary>
internal sealed class PngReader
{
    private readonly byte[] _rgb;

    private PngReader(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        _rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int at = (y * Width + x) * 3;
            return (_rgb[at], _rgb[at + 1], _rgb[at + 2]);
        }
    }

    public static PngReader Read(byte[] png)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        int width = 0, height = 0;
        var idat = new MemoryStream();
        int at = 8;
        while (true)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = Encoding.ASCII.GetString(png, at + 4, 4);
            byte[] data = png[(at + 8)..(at + 8 + length)];
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.True(Crc32(png.AsSpan(at + 4, 4 + length)) == crc, $"bad CRC in {type}");
            at += 12 + length;
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
                Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, data[8..13]); // 8 bits, RGB, deflate, no filter method, no interlace
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
        }
        Assert.Equal(png.Length, at);

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] scanlines = raw.ToArray();
        Assert.Equal(height * (1 + width * 3), scanlines.Length);
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, scanlines[y * (1 + width * 3)]);
            Array.Copy(scanlines, y * (1 + width * 3) + 1, rgb, y * width * 3, width * 3);
        }
        return new PngReader(width, height, rgb);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
