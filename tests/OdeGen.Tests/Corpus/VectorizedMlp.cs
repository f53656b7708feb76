using System.Numerics.Tensors;

namespace OdeGen.Tests.Corpus;

/// <summary>
/// The spiral model of <see cref="Mlp"/> with its activation computed by one vectorized call,
/// <c>TensorPrimitives.Tanh</c>, over the hidden layer's pre-activations: the generated code makes the same
/// call (its tanh rounds differently from Math.Tanh), and its derivatives read tanh back from <c>h</c>.
/// </summary>
public static partial class VectorizedMlp
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
        Span<double> s = stackalloc double[Hidden];
        Span<double> h = stackalloc double[Hidden];
        for (int j = 0; j < 2; j++)
        {
            cube[j] = y[j] * y[j] * y[j];
        }
        for (int i = 0; i < Hidden; i++)
        {
            double a = b1[i];
            for (int j = 0; j < 2; j++)
            {
                a += w1[i * 2 + j] * cube[j];
            }
            s[i] = a;
        }
        TensorPrimitives.Tanh(s, h);
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
