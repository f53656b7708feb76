using System;

namespace OdeGen.Samples.CubicFit;

/// <summary>
/// The regression problem of sections 2.6 and 4.4 of Della Bona and Dumez, "Introduction to Neural Ordinary
/// Differential Equation" (2021): <c>h(x) = x³ + 0.1 x</c> observed at 10 evenly spaced points on <c>[-2.5, 2.5]</c>
/// with N(0, 1) noise, and judged on a dense grid of the noise-free function.
/// </summary>
public sealed class CubicData
{
    public const int TrainingPoints = 10, TestPoints = 200;
    public const double Low = -2.5, High = 2.5;

    private CubicData(double[] x, double[] y, double[] testX, double[] testY)
    {
        X = x;
        Y = y;
        TestX = testX;
        TestY = testY;
    }

    public double[] X { get; }
    public double[] Y { get; }
    public double[] TestX { get; }
    public double[] TestY { get; }

    public static double Target(double x) => x * x * x + 0.1 * x;

    public static CubicData Generate(Random random)
    {
        var x = Linspace(TrainingPoints);
        var y = new double[TrainingPoints];
        for (int i = 0; i < y.Length; i++) y[i] = Target(x[i]) + StandardNormal(random);
        var testX = Linspace(TestPoints);
        var testY = Array.ConvertAll(testX, Target);
        return new CubicData(x, y, testX, testY);
    }

    /// <summary>Mean squared error of <paramref name="predicted"/> against the noise-free function on the test grid.</summary>
    public double TestMse(double[] predicted)
    {
        double sum = 0;
        for (int i = 0; i < TestPoints; i++) sum += (predicted[i] - TestY[i]) * (predicted[i] - TestY[i]);
        return sum / TestPoints;
    }

    private static double[] Linspace(int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = Low + (High - Low) * i / (count - 1);
        return values;
    }

    /// <summary>A standard normal sample by the Box–Muller transform.</summary>
    private static double StandardNormal(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
