using System;
using System.IO;

namespace OdeGen.Data;

/// <summary>
/// A set of grey-scale images with class labels, as in MNIST and Fashion-MNIST: image <c>i</c> is the
/// <c>Rows x Columns</c> pixels at <c>Pixels[i * PixelsPerImage ..]</c>, row-major, scaled from bytes 0..255 to [0, 1].
/// </summary>
public sealed class LabeledImages
{
    /// <summary>Images and labels; checks that they agree in count and that the pixels fill the images.</summary>
    /// <exception cref="ArgumentException">The counts do not agree.</exception>
    public LabeledImages(double[] pixels, int[] labels, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (pixels.Length != (long)labels.Length * rows * columns)
            throw new ArgumentException($"{pixels.Length} pixels are not {labels.Length} images of {rows} x {columns}.", nameof(pixels));
        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>All pixels, image after image, in [0, 1].</summary>
    public double[] Pixels { get; }

    /// <summary>The class of each image.</summary>
    public int[] Labels { get; }

    /// <summary>Image height.</summary>
    public int Rows { get; }

    /// <summary>Image width.</summary>
    public int Columns { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary><c>Rows * Columns</c>.</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>One more than the largest label.</summary>
    public int Classes
    {
        get
        {
            int max = -1;
            foreach (int c in Labels) max = Math.Max(max, c);
            return max + 1;
        }
    }

    /// <summary>Image <paramref name="index"/>'s pixels.</summary>
    public ReadOnlySpan<double> Image(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {Count} images.");
        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>The first <paramref name="count"/> images (all of them when there are fewer).</summary>
    public LabeledImages Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count >= Count) return this;
        return new LabeledImages(Pixels.AsSpan(0, count * PixelsPerImage).ToArray(), Labels.AsSpan(0, count).ToArray(), Rows, Columns);
    }

    /// <summary>
    /// Reads an IDX image file (rank 3: count, rows, columns) and an IDX label file (rank 1: count), gzipped when the
    /// names end in <c>.gz</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not valid IDX, is truncated, or the two counts differ.</exception>
    public static LabeledImages Load(string imagesPath, string labelsPath)
    {
        var (imageDimensions, bytes) = IdxFile.Read(imagesPath, rank: 3);
        var (labelDimensions, labelBytes) = IdxFile.Read(labelsPath, rank: 1);
        int count = imageDimensions[0], rows = imageDimensions[1], columns = imageDimensions[2];
        if (labelDimensions[0] != count)
            throw new InvalidDataException(
                $"{labelsPath}: {labelDimensions[0]} labels, but {imagesPath} has {count} images; the files do not belong together.");
        if (count == 0) throw new InvalidDataException($"{imagesPath}: no images.");

        var pixels = new double[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) pixels[i] = bytes[i] / 255.0;
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = labelBytes[i];
        return new LabeledImages(pixels, labels, rows, columns);
    }
}
