using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace OdeGen.Training.Tests.Data;

/// <summary>Writes tiny IDX files in a temporary folder, as the MNIST files are laid out (big-endian header, bytes).</summary>
internal sealed class IdxFixtures : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("odegen-idx-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>The bytes of an IDX file of unsigned bytes: magic <c>00 00 08 rank</c>, the sizes, the data.</summary>
    public static byte[] Bytes(int[] dimensions, byte[] data, byte type = 0x08, int? rank = null)
    {
        var stream = new MemoryStream();
        stream.Write([0, 0, type, (byte)(rank ?? dimensions.Length)]);
        Span<byte> size = stackalloc byte[4];
        foreach (int d in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(size, d);
            stream.Write(size);
        }
        stream.Write(data);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="name"/>, gzipped when the name ends in .gz.</summary>
    public string Write(string name, byte[] bytes)
    {
        string path = Path(name);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    /// <summary><paramref name="count"/> images of 2 x 3 whose pixel j of image i is <c>(40 i + 10 j) mod 256</c>, and labels <c>i mod 10</c>.</summary>
    public (string Images, string Labels) WriteSet(string prefix, int count, string suffix = ".gz")
    {
        var pixels = new byte[count * 6];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < 6; j++) pixels[i * 6 + j] = (byte)((40 * i + 10 * j) % 256);
        var labels = new byte[count];
        for (int i = 0; i < count; i++) labels[i] = (byte)(i % 10);
        return (Write($"{prefix}-images-idx3-ubyte{suffix}", Bytes([count, 2, 3], pixels)),
                Write($"{prefix}-labels-idx1-ubyte{suffix}", Bytes([count], labels)));
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
