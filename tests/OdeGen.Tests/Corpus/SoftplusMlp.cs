namespace OdeGen.Tests.Corpus;

/// <summary>
/// An MLP 3-16-3 with softplus hidden units and a sigmoid gate on the output, both written through
/// Math.Exp and Math.Log as a user would without an activation library; it also reads t.
/// p = [W1 (16x3), b1 (16), W2 (3x16), b2 (3)].
/// </summary>
public static partial class SoftplusMlp
{
    private const int In = 3;
    private const int Hidden = 16;

    [OdeDynamics(StateSize = In, ParameterSize = Hidden * In + Hidden + In * Hidden + In)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        ReadOnlySpan<double> w1 = p.Slice(0, Hidden * In);
        ReadOnlySpan<double> b1 = p.Slice(Hidden * In, Hidden);
        ReadOnlySpan<double> w2 = p.Slice(Hidden * In + Hidden, In * Hidden);
        ReadOnlySpan<double> b2 = p.Slice(2 * Hidden * In + Hidden, In);
        Span<double> h = stackalloc double[Hidden];
        for (int i = 0; i < Hidden; i++)
        {
            double s = b1[i];
            for (int j = 0; j < In; j++)
            {
                s += w1[i * In + j] * y[j];
            }
            h[i] = Math.Log(1 + Math.Exp(s));
        }
        for (int k = 0; k < In; k++)
        {
            double o = b2[k];
            for (int i = 0; i < Hidden; i++)
            {
                o += w2[k * Hidden + i] * h[i];
            }
            double gate = 1 / (1 + Math.Exp(-t));
            dy[k] = gate * o - 0.1 * y[k];
        }
    }
}
