// The non-smooth functions below are here on purpose; their kink warning (ODE0009) is tested elsewhere.
#pragma warning disable ODE0009

namespace OdeGen.Tests.Corpus;

/// <summary>Every Math function the generator accepts, each kept inside its domain.</summary>
public static partial class AllMath
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double bounded = 0.5 * Math.Tanh(y[0]);
        double positive = 1.5 + y[1] * y[1];
        dy[0] = Math.Sin(y[0]) + Math.Cos(y[1]) + Math.Tan(0.3 * y[2]);
        dy[1] = Math.Asin(bounded) + Math.Acos(bounded) * y[1] + Math.Atan(y[2]) + Math.Atan2(y[0], positive);
        dy[2] = Math.Sinh(0.2 * y[0]) + Math.Cosh(0.1 * y[1]) + Math.Exp(-y[2] * y[2]);
        dy[3] = Math.Log(positive) + Math.Log10(positive + y[3] * y[3]) + Math.Sqrt(positive) + Math.Cbrt(positive + y[0]);
        dy[4] = Math.Pow(positive, p[0]) + Math.Pow(y[3], 3) + Math.Abs(y[4] - 0.25);
        dy[5] = Math.Min(y[0], y[5]) + Math.Max(y[1], p[1]) + Math.Sign(y[2]) + Math.Floor(t) + Math.Ceiling(y[5]);
    }
}
