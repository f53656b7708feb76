using System.Numerics.Tensors;

namespace OdeGen.Tests.Corpus;

/// <summary>
/// Every element-wise TensorPrimitives function the generator differentiates, on slices of y, p and scratch spans
/// at constant offsets and, inside a loop, at offsets computed from the loop index. One destination is added to after
/// the call, so its values cannot be read back: the reverse sweep recomputes them instead.
/// </summary>
public static partial class ElementWise
{
    [OdeDynamics(StateSize = 4, ParameterSize = 4)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        Span<double> a = stackalloc double[8];
        for (int i = 0; i < 4; i++)
        {
            a[i] = 1.5 + y[i] * y[i];
            a[4 + i] = p[i] * y[i];
        }
        Span<double> r = stackalloc double[28];
        TensorPrimitives.Log(a.Slice(0, 4), r.Slice(0, 4));
        TensorPrimitives.Sqrt(a.Slice(0, 4), r.Slice(4, 4));
        TensorPrimitives.Exp(a.Slice(4, 4), r.Slice(8, 4));
        TensorPrimitives.Sin(y, r.Slice(12, 4));
        TensorPrimitives.Cos(a.Slice(4, 4), r.Slice(16, 4));
        TensorPrimitives.Tanh(p.Slice(0, 4), r.Slice(20, 4));
        TensorPrimitives.Sigmoid(a.Slice(0, 4), r.Slice(24, 4));
        r[8] += t;
        Span<double> g = stackalloc double[4];
        TensorPrimitives.Sigmoid(a.Slice(4, 4), g);
        Span<double> q = stackalloc double[8];
        for (int k = 0; k < 2; k++)
        {
            TensorPrimitives.Tanh(a.Slice(4 * k, 4), q.Slice(4 * k, 4));
        }
        for (int i = 0; i < 4; i++)
        {
            dy[i] = r[i] * r[4 + i] - r[8 + i] + r[12 + i] * r[16 + i] + r[20 + i] * y[(i + 1) % 4] + q[i] * q[4 + i]
                + r[24 + i] * g[i];
        }
    }
}
