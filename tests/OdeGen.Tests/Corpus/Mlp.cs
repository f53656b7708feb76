namespace OdeGen.Tests.Corpus;

/// <summary>
/// The Neural ODE spiral model: dy/dt = W2 tanh(W1 y³ + b1) + b2 with 50 hidden units
/// (Chen et al. 2018, torchdiffeq's ode_demo.py). p = [W1 (50x2), b1 (50), W2 (2x50), b2 (2)].
/// </summary>
public static partial class Mlp
{
    public const int Hidden = 50;

    [OdeDynamics(StateSize = 2, ParameterSize = 5 * Hidden + 2)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        ReadOnlySpan<double> w1 = p.Slice(0, 2 * Hidden);
        ReadOnlySpan<double> b1 = p.Slice(2 * Hidden, Hidden);
        ReadOnlySpan<double> w2 = p.Slice(3 * Hidden, 2 * Hidden);
        ReadOnlySpan<double> b2 = p.Slice(5 * Hidden, 2);
        Span<double> cube = stackalloc double[2];
        Span<double> h = stackalloc double[Hidden];
        for (int j = 0; j < 2; j++)
        {
            cube[j] = y[j] * y[j] * y[j];
        }
        for (int i = 0; i < Hidden; i++)
        {
            double s = b1[i];
            for (int j = 0; j < 2; j++)
            {
                s += w1[i * 2 + j] * cube[j];
            }
            h[i] = Math.Tanh(s);
        }
        for (int k = 0; k < 2; k++)
        {
            double o = b2[k];
            for (int i = 0; i < Hidden; i++)
            {
                o += w2[k * Hidden + i] * h[i];
            }
            dy[k] = o;
        }
    }
}
