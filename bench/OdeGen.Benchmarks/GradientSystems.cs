using System;

namespace OdeGen.Benchmarks;

/// <summary>Lotka–Volterra predator–prey, the gradient benchmarks' small system; p = [a, b, c, d].</summary>
public static partial class GradientLotkaVolterraSystem
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double encounters = y[0] * y[1];
        dy[0] = p[0] * y[0] - p[1] * encounters;
        dy[1] = -p[2] * y[1] + p[3] * encounters;
    }
}

/// <summary>
/// Lorenz (1996) with 20 states and one forcing per state (20 parameters), written out element by element (loops
/// are not differentiated on this branch yet): <c>dy_i = (y_{i+1} - y_{i-2}) y_{i-1} - y_i + F_i</c>. The gradient benchmarks' 20-state system.
/// </summary>
public static partial class GradientLorenz96System
{
    [OdeDynamics(StateSize = 20, ParameterSize = 20)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = (y[1] - y[18]) * y[19] - y[0] + p[0];
        dy[1] = (y[2] - y[19]) * y[0] - y[1] + p[1];
        dy[2] = (y[3] - y[0]) * y[1] - y[2] + p[2];
        dy[3] = (y[4] - y[1]) * y[2] - y[3] + p[3];
        dy[4] = (y[5] - y[2]) * y[3] - y[4] + p[4];
        dy[5] = (y[6] - y[3]) * y[4] - y[5] + p[5];
        dy[6] = (y[7] - y[4]) * y[5] - y[6] + p[6];
        dy[7] = (y[8] - y[5]) * y[6] - y[7] + p[7];
        dy[8] = (y[9] - y[6]) * y[7] - y[8] + p[8];
        dy[9] = (y[10] - y[7]) * y[8] - y[9] + p[9];
        dy[10] = (y[11] - y[8]) * y[9] - y[10] + p[10];
        dy[11] = (y[12] - y[9]) * y[10] - y[11] + p[11];
        dy[12] = (y[13] - y[10]) * y[11] - y[12] + p[12];
        dy[13] = (y[14] - y[11]) * y[12] - y[13] + p[13];
        dy[14] = (y[15] - y[12]) * y[13] - y[14] + p[14];
        dy[15] = (y[16] - y[13]) * y[14] - y[15] + p[15];
        dy[16] = (y[17] - y[14]) * y[15] - y[16] + p[16];
        dy[17] = (y[18] - y[15]) * y[16] - y[17] + p[17];
        dy[18] = (y[19] - y[16]) * y[17] - y[18] + p[18];
        dy[19] = (y[0] - y[17]) * y[18] - y[19] + p[19];
    }
}
