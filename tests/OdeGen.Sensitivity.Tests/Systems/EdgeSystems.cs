namespace OdeGen.SensitivityTests.Systems;

/// <summary>
/// A Hill activation with a fitted coefficient whose input starts at exactly zero (the README's helper):
/// s' = 1 - s, s(0) = 0, drives x' = p0 Hill(s, p1, p2) - p3 x.
/// </summary>
public static partial class HillFromZero
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
        dy[0] = 1 - y[0];
        dy[1] = p[0] * Hill(y[0], p[1], p[2]) - p[3] * y[1];
    }
}

/// <summary>Quadratic drag on a forced mass, v' = F(t) - c |v| v, with |v| = √(v·v), started from rest.</summary>
public static partial class DragFromRest
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double speed = Math.Sqrt(y[0] * y[0] + y[1] * y[1]);
        dy[0] = p[1] * Math.Sin(t) - p[0] * speed * y[0];
        dy[1] = p[2] * Math.Sin(2 * t) - p[0] * speed * y[1];
    }
}

/// <summary>A tank draining through an orifice into a pump, h' = -c √h - q: the pump drives h below zero, where √h is NaN.</summary>
public static partial class OverdrainedTank
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = -p[0] * Math.Sqrt(y[0]) - p[1];
    }
}

/// <summary>x' = c √s with s = t from s(0) = 0: finite dynamics whose derivative in s is infinite at the start.</summary>
public static partial class RootOfTime
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = 1;
        dy[1] = p[0] * Math.Sqrt(y[0]);
    }
}

/// <summary>Exponential growth y' = p y: over a long time y stays finite while its gradient dL/dp ~ T y² overflows.</summary>
public static partial class Growth
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = p[0] * y[0];
    }
}

/// <summary>y' = √(1 - t): NaN past t = 1 whatever the state, so a step's last stages fail while its result may be finite.</summary>
public static partial class RootOfTimeLeft
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        dy[0] = Math.Sqrt(1 - t);
    }
}

/// <summary>y' = 1 up to t = 1 and NaN after it: only the stages placed past t = 1 see the NaN.</summary>
public static partial class UndefinedAfterOne
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        dy[0] = t > 1 ? Math.Sqrt(-1.0) : 1.0;
    }
}
