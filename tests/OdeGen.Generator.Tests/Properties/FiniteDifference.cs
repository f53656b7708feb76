using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Fourth-order central differences of f along a direction, at two steps: the difference between the
/// two estimates bounds the truncation error, so the tolerance adapts to how curved f is.
/// </summary>
internal static class FiniteDifference
{
    public const double Step = 1e-3;

    /// <summary>The offsets (multiples of the direction) the stencils evaluate f at.</summary>
    public static IEnumerable<double> Offsets => new[] { Step, Step / 2 }.SelectMany(h => new[] { -2 * h, -h, h, 2 * h });

    /// <summary>(estimate at step/2, |estimate at step - estimate at step/2|, largest |f| seen) per output.</summary>
    public static (double[] Estimate, double[] Spread, double[] Magnitude) Derivative(System.Func<double, double[]> f, int outputs, double step = Step)
    {
        double[] At(double h)
        {
            double[] m2 = f(-2 * h), m1 = f(-h), p1 = f(h), p2 = f(2 * h);
            return Enumerable.Range(0, outputs).Select(i => (m2[i] - 8 * m1[i] + 8 * p1[i] - p2[i]) / (12 * h)).ToArray();
        }
        double[] coarse = At(step), fine = At(step / 2);
        var magnitude = new double[outputs];
        foreach (double offset in Offsets.Select(o => o * (step / Step)))
        {
            double[] value = f(offset);
            for (int i = 0; i < outputs; i++) magnitude[i] = System.Math.Max(magnitude[i], System.Math.Abs(value[i]));
        }
        return (fine, coarse.Zip(fine, (c, e) => System.Math.Abs(c - e)).ToArray(), magnitude);
    }
}
