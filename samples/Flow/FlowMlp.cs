using System;
using System.Numerics.Tensors;

namespace OdeGen.Samples.Flow;

/// <summary>
/// The flow's dynamics for one point: two tanh layers of <see cref="Width"/> units with the time fed to each (as
/// FFJORD's ConcatLinear layers do, Grathwohl et al. 2019), and a linear output.
/// <c>dz/dt = W3 h2 + b3</c>, <c>h2 = tanh(W2 h1 + a2 t + b2)</c>, <c>h1 = tanh(W1 z + a1 t + b1)</c>.
/// </summary>
public static partial class FlowMlp
{
    // Width, the units per hidden layer, is the build property FlowWidth (default 32; Flow.csproj writes it).

    // Offsets of the layers in p.
    public const int W1 = 0, A1 = W1 + 2 * Width, B1 = A1 + Width;
    public const int W2 = B1 + Width, A2 = W2 + Width * Width, B2 = A2 + Width;
    public const int W3 = B2 + Width, B3 = W3 + 2 * Width;
    public const int ParameterCount = B3 + 2;

    [OdeDynamics(StateSize = 2, ParameterSize = ParameterCount)]
    public static void Dynamics(double t, ReadOnlySpan<double> z, ReadOnlySpan<double> p, Span<double> dz)
    {
        Span<double> s1 = stackalloc double[Width];
        Span<double> h1 = stackalloc double[Width];
        Span<double> s2 = stackalloc double[Width];
        Span<double> h2 = stackalloc double[Width];
        double x = z[0], y = z[1];
        for (int i = 0; i < Width; i++)
            s1[i] = p[W1 + 2 * i] * x + p[W1 + 2 * i + 1] * y + p[A1 + i] * t + p[B1 + i];
        TensorPrimitives.Tanh(s1, h1);
        for (int i = 0; i < Width; i++)
        {
            double sum = p[A2 + i] * t + p[B2 + i];
            for (int j = 0; j < Width; j++) sum += p[W2 + i * Width + j] * h1[j];
            s2[i] = sum;
        }
        TensorPrimitives.Tanh(s2, h2);
        for (int k = 0; k < 2; k++)
        {
            double sum = p[B3 + k];
            for (int i = 0; i < Width; i++) sum += p[W3 + k * Width + i] * h2[i];
            dz[k] = sum;
        }
    }

    /// <summary>Glorot-uniform weights (Glorot and Bengio 2010), zero biases, small output layer so the flow starts near the identity.</summary>
    public static double[] Initial(Random random)
    {
        var p = new double[ParameterCount];
        void Fill(int offset, int count, int fanIn, int fanOut, double scale = 1)
        {
            double limit = scale * Math.Sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < count; i++) p[offset + i] = limit * (2 * random.NextDouble() - 1);
        }
        Fill(W1, 2 * Width, 3, Width);
        Fill(A1, Width, 3, Width);
        Fill(W2, Width * Width, Width + 1, Width);
        Fill(A2, Width, Width + 1, Width);
        Fill(W3, 2 * Width, Width, 2, scale: 0.1);
        return p;
    }
}
