using System;

namespace OdeGen.Samples.CubicFit;

/// <summary>
/// The ODE-Net's dynamics: one tanh layer of <see cref="Hidden"/> units on the scalar state,
/// <c>dz/dt = w2 · tanh(w1 z + b1) + b2</c>; <c>p = [w1 (20), b1 (20), w2 (20), b2]</c>.
/// </summary>
public static partial class OdeNetDynamics
{
    public const int Hidden = 20;
    public const int ParameterCount = 3 * Hidden + 1;

    [OdeDynamics(StateSize = 1, ParameterSize = ParameterCount)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        ReadOnlySpan<double> w1 = p.Slice(0, Hidden);
        ReadOnlySpan<double> b1 = p.Slice(Hidden, Hidden);
        ReadOnlySpan<double> w2 = p.Slice(2 * Hidden, Hidden);
        double z = y[0];
        double o = p[3 * Hidden];
        for (int i = 0; i < Hidden; i++)
        {
            o += w2[i] * Math.Tanh(w1[i] * z + b1[i]);
        }
        dy[0] = o;
    }
}
