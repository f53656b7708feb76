using System.Numerics.Tensors;

namespace OdeGen.Tests.Corpus;

/// <summary>
/// Reductions written as calls: each hidden unit is TensorPrimitives.Dot of a row of W1 with y, each output a Dot of a row
/// of W2 with h = tanh(s), and the state decays at a rate set by TensorPrimitives.Sum(h).
/// p = [W1 (12x3), b1 (12), W2 (3x12), b2 (3)].
/// </summary>
public static partial class Reductions
{
    public const int Hidden = 12;

    [OdeDynamics(StateSize = 3, ParameterSize = 7 * Hidden + 3)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        ReadOnlySpan<double> w1 = p.Slice(0, 3 * Hidden);
        ReadOnlySpan<double> b1 = p.Slice(3 * Hidden, Hidden);
        ReadOnlySpan<double> w2 = p.Slice(4 * Hidden, 3 * Hidden);
        Span<double> s = stackalloc double[Hidden];
        Span<double> h = stackalloc double[Hidden];
        for (int i = 0; i < Hidden; i++)
        {
            s[i] = TensorPrimitives.Dot(w1.Slice(3 * i, 3), y) + b1[i];
        }
        TensorPrimitives.Tanh(s, h);
        double total = TensorPrimitives.Sum<double>(h);
        for (int k = 0; k < 3; k++)
        {
            dy[k] = TensorPrimitives.Dot(w2.Slice(k * Hidden, Hidden), h) - 0.1 * total * y[k] + p[7 * Hidden + k];
        }
    }
}
