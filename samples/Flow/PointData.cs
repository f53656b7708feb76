using System;
using System.Globalization;
using System.IO;

namespace OdeGen.Samples.Flow;

/// <summary>
/// A 2-D data set: training and test points (x, y after x, y), where they came from, and the entropy of the density
/// when it is known. The flow learns standardized points (<see cref="Standardize"/>); log-densities in the data's own
/// units differ by <see cref="LogScale"/>.
/// </summary>
public sealed class PointData
{
    public PointData(string name, double[] train, double[] test, double? entropy)
    {
        Name = name;
        Train = train;
        Test = test;
        Entropy = entropy;
        for (int i = 0; i < 2; i++)
        {
            double mean = 0, square = 0;
            int n = train.Length / 2;
            for (int k = 0; k < n; k++) mean += train[2 * k + i] / n;
            for (int k = 0; k < n; k++) square += (train[2 * k + i] - mean) * (train[2 * k + i] - mean) / n;
            Mean[i] = mean;
            Deviation[i] = Math.Sqrt(square) is > 0 and var s ? s : 1;
        }
    }

    public string Name { get; }
    public double[] Train { get; }
    public double[] Test { get; }

    /// <summary>-∫ p log p of the true density, in nats, when known: the test NLL no model beats on average.</summary>
    public double? Entropy { get; }

    public double[] Mean { get; } = new double[2];
    public double[] Deviation { get; } = new double[2];

    /// <summary>log |det| of the standardization: log p_data(x) = log p_standard(u) - LogScale.</summary>
    public double LogScale => Math.Log(Deviation[0]) + Math.Log(Deviation[1]);

    public double[] Standardize(ReadOnlySpan<double> points)
    {
        var u = new double[points.Length];
        for (int k = 0; k < points.Length; k++) u[k] = (points[k] - Mean[k % 2]) / Deviation[k % 2];
        return u;
    }

    public double[] Unstandardize(ReadOnlySpan<double> u)
    {
        var x = new double[u.Length];
        for (int k = 0; k < u.Length; k++) x[k] = Mean[k % 2] + Deviation[k % 2] * u[k];
        return x;
    }

    /// <summary>The mean test NLL, in nats, of the Gaussian with the training set's mean and covariance: the baseline.</summary>
    public double GaussianBaseline()
    {
        int n = Train.Length / 2;
        double sxx = 0, sxy = 0, syy = 0;
        for (int k = 0; k < n; k++)
        {
            double dx = Train[2 * k] - Mean[0], dy = Train[2 * k + 1] - Mean[1];
            sxx += dx * dx / n;
            sxy += dx * dy / n;
            syy += dy * dy / n;
        }
        double det = sxx * syy - sxy * sxy;
        double nll = 0;
        int m = Test.Length / 2;
        for (int k = 0; k < m; k++)
        {
            double dx = Test[2 * k] - Mean[0], dy = Test[2 * k + 1] - Mean[1];
            double quadratic = (syy * dx * dx - 2 * sxy * dx * dy + sxx * dy * dy) / det;
            nll += (0.5 * quadratic + Math.Log(2 * Math.PI) + 0.5 * Math.Log(det)) / m;
        }
        return nll;
    }

    public static PointData Flag(int trainCount, int testCount, Random random) =>
        new("Swedish flag", SwedishFlag.Sample(trainCount, random), SwedishFlag.Sample(testCount, random), SwedishFlag.Entropy);

    /// <summary>Points from CSV files, one "x,y" per line, no header.</summary>
    public static PointData FromCsv(string trainPath, string testPath) =>
        new(Path.GetFileName(trainPath), ReadCsv(trainPath), ReadCsv(testPath), null);

    private static double[] ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{path} does not exist.");
        var lines = File.ReadAllLines(path);
        var points = new System.Collections.Generic.List<double>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != 2
                || !double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
                || !double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double y)
                || !double.IsFinite(x) || !double.IsFinite(y))
                throw new ArgumentException($"{path}, line {i + 1}: expected two numbers 'x,y', found '{lines[i]}'.");
            points.Add(x);
            points.Add(y);
        }
        if (points.Count < 4) throw new ArgumentException($"{path} holds {points.Count / 2} points; at least 2 are needed.");
        return points.ToArray();
    }

    /// <summary>Points drawn with probability proportional to a picture's brightness, spread uniformly within each pixel.</summary>
    public static PointData FromImage(string path, int trainCount, int testCount, Random random)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{path} does not exist.");
        using var bitmap = SkiaSharp.SKBitmap.Decode(path) ?? throw new ArgumentException($"{path} is not an image SkiaSharp can read.");
        int width = bitmap.Width, height = bitmap.Height;
        var cumulative = new double[width * height];
        double total = 0;
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                var pixel = bitmap.GetPixel(c, r);
                total += (pixel.Red + pixel.Green + pixel.Blue) / (3.0 * 255) * pixel.Alpha / 255;
                cumulative[r * width + c] = total;
            }
        }
        if (total <= 0) throw new ArgumentException($"{path} is black: there is no brightness to learn.");
        double scale = 4.0 / Math.Max(width, height);
        double[] Draw(int count)
        {
            var points = new double[2 * count];
            for (int n = 0; n < count; n++)
            {
                int index = Array.BinarySearch(cumulative, random.NextDouble() * total);
                if (index < 0) index = ~index;
                index = Math.Min(index, cumulative.Length - 1);
                int r = index / width, c = index % width;
                points[2 * n] = (c + random.NextDouble() - width / 2.0) * scale;
                points[2 * n + 1] = (height / 2.0 - r - random.NextDouble()) * scale;
            }
            return points;
        }
        return new PointData(Path.GetFileName(path), Draw(trainCount), Draw(testCount), null);
    }
}
