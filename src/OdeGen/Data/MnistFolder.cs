using System;
using System.IO;

namespace OdeGen.Data;

/// <summary>
/// The four files of an MNIST-format data set in one folder, under the names the data sets are published with:
/// <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c> and
/// <c>t10k-labels-idx1-ubyte</c>, each gzipped (<c>.gz</c>) or not.
/// </summary>
public static class MnistFolder
{
    /// <summary>The path of <paramref name="baseName"/> in <paramref name="folder"/>, gzipped or not; null when neither exists.</summary>
    public static string? Find(string folder, string baseName)
    {
        foreach (string name in new[] { baseName + ".gz", baseName })
        {
            string path = Path.Combine(folder, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>Whether all four files are in <paramref name="folder"/>.</summary>
    public static bool Contains(string folder) =>
        Find(folder, "train-images-idx3-ubyte") is not null && Find(folder, "train-labels-idx1-ubyte") is not null &&
        Find(folder, "t10k-images-idx3-ubyte") is not null && Find(folder, "t10k-labels-idx1-ubyte") is not null;

    /// <summary>Loads the training and test sets.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names it.</exception>
    /// <exception cref="InvalidDataException">A file is not valid IDX, or images and labels do not match.</exception>
    public static (LabeledImages Train, LabeledImages Test) Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var train = LabeledImages.Load(Require(folder, "train-images-idx3-ubyte"), Require(folder, "train-labels-idx1-ubyte"));
        var test = LabeledImages.Load(Require(folder, "t10k-images-idx3-ubyte"), Require(folder, "t10k-labels-idx1-ubyte"));
        if (train.Rows != test.Rows || train.Columns != test.Columns)
            throw new InvalidDataException(
                $"{folder}: training images are {train.Rows} x {train.Columns} but test images {test.Rows} x {test.Columns}.");
        return (train, test);
    }

    private static string Require(string folder, string baseName) =>
        Find(folder, baseName) ?? throw new FileNotFoundException(
            $"{Path.Combine(folder, baseName)}[.gz]: no such file.", Path.Combine(folder, baseName));
}
