using System;

namespace OdeGen.Benchmarks;

/// <summary>Lorenz system: 3 states, parameters (sigma, rho, beta).</summary>
public static partial class DerivativeLorenz
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = p[0] * (y[1] - y[0]);
        dy[1] = y[0] * (p[1] - y[2]) - y[1];
        dy[2] = y[0] * y[1] - p[2] * y[2];
    }
}

/// <summary>Robertson chemical kinetics: 3 states, rate constants (k1, k2, k3).</summary>
public static partial class DerivativeRobertson
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = -p[0] * y[0] + p[2] * y[1] * y[2];
        dy[1] = p[0] * y[0] - p[1] * y[1] * y[1] - p[2] * y[1] * y[2];
        dy[2] = p[1] * y[1] * y[1];
    }
}
