using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace OdeGen.Data;

/// <summary>
/// Reads the IDX format of LeCun et al.'s MNIST files (and of Fashion-MNIST, Xiao et al. 2017, which uses the same
/// layout): a big-endian header <c>0x00 0x00 type rank</c>, then <c>rank</c> 32-bit big-endian dimension sizes, then
/// the elements in row-major order. Only unsigned bytes (type <c>0x08</c>) occur in these data sets and only they are
/// read. A file whose name ends in <c>.gz</c> is decompressed on the fly (the form the data sets are published in).
/// </summary>
/// <remarks>Every error is an <see cref="InvalidDataException"/> whose message names the file and what is wrong.</remarks>
public static class IdxFile
{
    /// <summary>The type byte of unsigned 8-bit elements.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>
    /// Reads a file of unsigned bytes of the given <paramref name="rank"/> (1 for labels, 3 for images) and returns its
    /// dimension sizes and its elements.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A wrong magic number, type or rank, or fewer bytes than the header announces.</exception>
    public static (int[] Dimensions, byte[] Data) Read(string path, int rank)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        try
        {
            return Read(stream, rank, path);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // A corrupt gzip stream: GZipStream's own message does not name the file.
            throw new InvalidDataException($"{path}: not a valid gzip stream ({e.Message}).", e);
        }
    }

    /// <summary>Reads IDX data from <paramref name="stream"/>; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="InvalidDataException">A wrong magic number, type or rank, or fewer bytes than the header announces.</exception>
    public static (int[] Dimensions, byte[] Data) Read(Stream stream, int rank, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> magic = stackalloc byte[4];
        ReadExactly(stream, magic, name, "the 4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0)
            throw new InvalidDataException(
                $"{name}: magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8} is not an IDX header (it starts with two zero bytes); is this an IDX file?");
        if (magic[2] != UnsignedByte)
            throw new InvalidDataException($"{name}: element type 0x{magic[2]:X2}, expected 0x08 (unsigned byte).");
        if (magic[3] != rank)
            throw new InvalidDataException($"{name}: {magic[3]} dimensions, expected {rank} ({(rank == 1 ? "labels" : rank == 3 ? "images" : "data")}).");

        var dimensions = new int[rank];
        Span<byte> size = stackalloc byte[4];
        long total = 1;
        for (int d = 0; d < rank; d++)
        {
            ReadExactly(stream, size, name, $"the size of dimension {d}");
            uint value = BinaryPrimitives.ReadUInt32BigEndian(size);
            total *= value;
            if (value > int.MaxValue || total > Array.MaxLength)
                throw new InvalidDataException($"{name}: dimension {d} of size {value} makes the data larger than an array can hold.");
            dimensions[d] = (int)value;
        }

        var data = new byte[total];
        int read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
            throw new InvalidDataException(
                $"{name}: truncated, the header announces {string.Join(" x ", dimensions)} = {total} bytes of data but only {read} follow.");
        return (dimensions, data);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new InvalidDataException($"{name}: truncated, the file ends in {what}.");
    }
}
