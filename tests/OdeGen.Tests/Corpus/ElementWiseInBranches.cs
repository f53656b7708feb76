using System.Numerics.Tensors;

namespace OdeGen.Tests.Corpus;

/// <summary>
/// TensorPrimitives calls in the branches of an if on a double, into a Slice of a span, and in a loop that writes
/// the same elements twice (so the reverse sweep recomputes them rather than reading them back).
/// </summary>
public static partial class ElementWiseInBranches
{
    [OdeDynamics(StateSize = 3, ParameterSize = 6)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        Span<double> h = stackalloc double[6];
        Span<double> v = h.Slice(3, 3);
        if (t > 0.5)
        {
            TensorPrimitives.Tanh(y, h.Slice(0, 3));
        }
        else
        {
            TensorPrimitives.Sin(y, h.Slice(0, 3));
        }
        for (int k = 0; k < 2; k++)
        {
            TensorPrimitives.Exp(p.Slice(3 * k, 3), v);
        }
        for (int i = 0; i < 3; i++)
        {
            dy[i] = h[i] * v[i] + y[i];
        }
    }
}
