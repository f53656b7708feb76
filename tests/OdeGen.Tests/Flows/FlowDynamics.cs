namespace OdeGen.Tests.Flows;

/// <summary>Dynamics of one point of a 2-D flow: a linear one with a known flow, and a small time-dependent MLP.</summary>
public static partial class FlowDynamics
{
    /// <summary>dz/dt = A z with A = [[p0, p1], [p2, p3]]: z(T) = e^{AT} z(0), and the log-density gains T tr A.</summary>
    [OdeDynamics]
    public static void Linear(double t, ReadOnlySpan<double> z, ReadOnlySpan<double> p, Span<double> dz)
    {
        dz[0] = p[0] * z[0] + p[1] * z[1];
        dz[1] = p[2] * z[0] + p[3] * z[1];
    }

    public const int Width = 8;

    /// <summary>dz/dt = W2 tanh(W1 [z, t] + b1) + b2: time as an input, 8 hidden units, 50 parameters.</summary>
    [OdeDynamics(StateSize = 2, ParameterSize = 50)]
    public static void Mlp(double t, ReadOnlySpan<double> z, ReadOnlySpan<double> p, Span<double> dz)
    {
        Span<double> h = stackalloc double[Width];
        for (int i = 0; i < Width; i++)
            h[i] = Math.Tanh(p[3 * i] * z[0] + p[3 * i + 1] * z[1] + p[3 * i + 2] * t + p[24 + i]);
        for (int k = 0; k < 2; k++)
        {
            double sum = p[48 + k];
            for (int i = 0; i < Width; i++) sum += p[32 + k * Width + i] * h[i];
            dz[k] = sum;
        }
    }
}
