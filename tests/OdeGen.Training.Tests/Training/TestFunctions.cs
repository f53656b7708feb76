namespace OdeGen.Training.Tests.Training;

/// <summary>An objective's value at x with its gradient written into <paramref name="gradient"/>.</summary>
internal delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Objectives with known minima for the optimizer tests.</summary>
internal static class TestFunctions
{
    /// <summary>An ill-conditioned quadratic <c>Σ c_i (x_i − i)² / 2</c> with curvatures 1..10: minimum at x_i = i.</summary>
    public static double Quadratic(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double value = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double c = 1 + 9.0 * i / Math.Max(1, x.Length - 1), r = x[i] - i;
            value += 0.5 * c * r * r;
            gradient[i] = c * r;
        }
        return value;
    }

    /// <summary>Rosenbrock (1960): <c>(1 − x)² + 100 (y − x²)²</c>, minimum 0 at (1, 1) at the end of a curved valley.</summary>
    public static double Rosenbrock(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double a = 1 - x[0], b = x[1] - x[0] * x[0];
        gradient[0] = -2 * a - 400 * x[0] * b;
        gradient[1] = 200 * b;
        return a * a + 100 * b * b;
    }

    /// <summary>Runs <paramref name="iterations"/> steps of <paramref name="optimizer"/> on an objective from <paramref name="start"/>.</summary>
    public static double[] Minimise(IOptimizer optimizer, Objective objective, double[] start, int iterations)
    {
        var x = (double[])start.Clone();
        var gradient = new double[x.Length];
        for (int k = 0; k < iterations; k++)
        {
            objective(x, gradient);
            optimizer.Step(x, gradient);
        }
        return x;
    }
}
