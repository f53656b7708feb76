using System;

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

    // The sizes are on the attribute because every index into y, p and dy comes from a loop variable.
    [OdeDynamics(StateSize = 2, ParameterSize = ParameterCount)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        ReadOnlySpan<double> w1 = p.Slice(W1Offset, 2 * Hidden);
        ReadOnlySpan<double> b1 = p.Slice(B1Offset, Hidden);
        ReadOnlySpan<double> w2 = p.Slice(W2Offset, 2 * Hidden);
        ReadOnlySpan<double> b2 = p.Slice(B2Offset, 2);

        // The input features y³, as in the demo (the true dynamics are cubic in y).
        Span<double> cube = stackalloc double[2];
        for (int j = 0; j < 2; j++)
        {
            cube[j] = y[j] * y[j] * y[j];
        }

        // Hidden layer: h = tanh(W1 y³ + b1), filled completely before the output layer reads it.
        Span<double> h = stackalloc double[Hidden];
        for (int i = 0; i < Hidden; i++)
        {
            double s = b1[i];
            for (int j = 0; j < 2; j++)
            {
                s += w1[i * 2 + j] * cube[j];
            }
            h[i] = Math.Tanh(s);
        }

        // Output layer: dy = W2 h + b2.
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
