using System;
using System.Numerics.Tensors;

namespace OdeGen.Samples.Spiral;

/// <summary>
/// The learned dynamics of the spiral experiment, <c>dy/dt = W2 tanh(W1 y³ + b1) + b2</c>, the network of
/// torchdiffeq's <c>ode_demo.py</c> (Chen et al. 2018): 2 inputs, <see cref="Hidden"/> tanh units, 2 outputs.
/// The parameter vector holds the layers one after another, as PyTorch's <c>nn.Linear</c> stores them
/// (weights row-major, one row per output): <c>p = [W1 (50x2), b1 (50), W2 (2x50), b2 (2)]</c>.
/// </summary>
public static partial class SpiralMlp
{
    /// <summary>Hidden units.</summary>
    public const int Hidden = 50;

    /// <summary>Where each layer's weights and biases start in <c>p</c>.</summary>
    public const int W1Offset = 0, B1Offset = 2 * Hidden, W2Offset = 3 * Hidden, B2Offset = 5 * Hidden;

    /// <summary>Length of <c>p</c>: 252.</summary>
    public const int ParameterCount = 5 * Hidden + 2;

    // The sizes are on the attribute because indices into p come from a loop variable.
    [OdeDynamics(StateSize = 2, ParameterSize = ParameterCount)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        ReadOnlySpan<double> w1 = p.Slice(W1Offset, 2 * Hidden);
        ReadOnlySpan<double> b1 = p.Slice(B1Offset, Hidden);
        ReadOnlySpan<double> w2 = p.Slice(W2Offset, 2 * Hidden);
        ReadOnlySpan<double> b2 = p.Slice(B2Offset, 2);

        // The two input features y³, as in the demo (the true dynamics are cubic in y). As locals, their
        // cotangents in the generated reverse loop are locals too, not elements of a span.
        double c0 = y[0] * y[0] * y[0];
        double c1 = y[1] * y[1] * y[1];

        // Hidden layer: h = tanh(W1 y³ + b1). The pre-activations are filled completely, then one vectorized
        // call takes their tanh, several times faster than Math.Tanh one unit at a time.
        Span<double> s = stackalloc double[Hidden];
        for (int i = 0; i < Hidden; i++)
        {
            s[i] = b1[i] + w1[2 * i] * c0 + w1[2 * i + 1] * c1;
        }
        Span<double> h = stackalloc double[Hidden];
        TensorPrimitives.Tanh(s, h);

        // Output layer: dy = W2 h + b2, both rows in one pass over h.
        double o0 = b2[0];
        double o1 = b2[1];
        for (int i = 0; i < Hidden; i++)
        {
            o0 += w2[i] * h[i];
            o1 += w2[Hidden + i] * h[i];
        }
        dy[0] = o0;
        dy[1] = o1;
    }
}
