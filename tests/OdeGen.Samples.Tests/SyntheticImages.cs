using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace OdeGen.Samples.Tests;

/// <summary>
/// A tiny MNIST-format data set written in the test: 28 x 28 images where class k is a bright bar on row 2 + 2k over
/// faint noise, easy enough that a few batches lower the error.
/// </summary>
internal static class SyntheticImages
{
    public static void Write(string folder, int trainCount, int testCount, int seed = 1)
    {
        var random = new Random(seed);
        Write(folder, "train", trainCount, random);
        Write(folder, "t10k", testCount, random);
    }

    public static (byte[] Images, byte[] Labels) Bytes(int count, Random random)
    {
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int k = random.Next(10);
            labels[i] = (byte)k;
            for (int j = 0; j < 784; j++) pixels[i * 784 + j] = (byte)random.Next(40);
            for (int c = 4; c < 24; c++) pixels[i * 784 + (2 + 2 * k) * 28 + c] = 220;
        }
        return (Header(0x803, [count, 28, 28], pixels), Header(0x801, [count], labels));
    }

    private static void Write(string folder, string prefix, int count, Random random)
    {
        var (images, labels) = Bytes(count, random);
        Gzip(Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz"), images);
        Gzip(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz"), labels);
    }

    private static byte[] Header(int magic, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dimensions.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    public static void Gzip(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(bytes);
    }
}
