// The kinks below are here on purpose, to test derivatives at them; their warning (ODE0009) is tested elsewhere.
#pragma warning disable ODE0009

namespace OdeGen.Tests.Corpus;

/// <summary>
/// Functions evaluated at the edge of their domain or at a kink, where a textbook derivative formula is 0 · ∞ or
/// 0 / 0 although the function is finite: a fitted exponent at a zero base, a drag law |v| v at rest, atan2 at the
/// origin, √ and ∛ of zero reached through a product, ties of Min and Max, and Math.Log with a fitted base.
/// </summary>
public static partial class Edges
{
    [Differentiable]
    public static double Hill(double x, double k, double n)
    {
        double xn = Math.Pow(x, n);
        return xn / (Math.Pow(k, n) + xn);
    }

    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double speed = Math.Sqrt(y[1] * y[1] + y[2] * y[2]);
        dy[0] = Math.Pow(y[0], p[0]) + p[1] * Hill(y[0], 0.5, p[0]);
        dy[1] = -p[1] * speed * y[1];
        dy[2] = -p[1] * Math.Abs(y[2]) * y[2] + Math.Cbrt(y[3] * y[3] * y[3]) * y[3];
        dy[3] = Math.Atan2(y[1], y[2]) + Math.Min(y[4], 1) + Math.Max(y[4], 1) * y[3];
        dy[4] = Math.Log(y[4] + 1, p[2]) + Math.Sign(y[3]) * y[3] + Math.Floor(y[4]);
    }
}
