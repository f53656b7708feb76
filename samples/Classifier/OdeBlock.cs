using System;

namespace OdeGen.Samples.Classifier;

/// <summary>
/// The dynamics of the ODE block, <c>dh/dt = f(t, h, θ)</c> with <c>f = conv₂(t, relu(conv₁(t, h)))</c>: the ODE
/// function of Chen et al. (2018) and torchdiffeq's <c>odenet_mnist.py</c> without its group normalizations and its
/// leading relu (without a normalization before it, a relu of maps that are already relu outputs would only add a
/// kink at the many exact zeros the downsampling stage produces).
/// Each convolution is 3 x 3 with zero padding 1 over the <see cref="Architecture.Channels"/> maps plus one more
/// input channel that is the time <c>t</c> everywhere (their <c>ConcatConv2d</c>): time is an input of the block.
/// </summary>
/// <remarks>
/// Layout of θ: conv₁'s weights <c>[out][in][3][3]</c> with <c>in</c> running over the maps and then the time
/// channel, conv₁'s biases, then the same for conv₂. The residual stack uses the same function at <c>t = 0</c> as
/// each of its blocks <c>h + f(0, h, θ_k)</c>, so there the time weights are inert.
/// </remarks>
public static partial class OdeBlock
{
    private const int C = Architecture.Channels, S = Architecture.Side, Maps = S * S;

    /// <summary>Weights of one convolution: C outputs, C + 1 inputs, 3 x 3.</summary>
    public const int ConvWeights = C * (C + 1) * 9;

    /// <summary>Parameters of one convolution, weights and biases.</summary>
    public const int ConvParameters = ConvWeights + C;

    /// <summary>Parameters of the block: two convolutions.</summary>
    public const int ParameterCount = 2 * ConvParameters;

    /// <summary>Weights that multiply the time channel (inert when <c>t = 0</c>).</summary>
    public const int TimeWeights = 2 * C * 9;

    [OdeDynamics(StateSize = Architecture.FeatureSize, ParameterSize = ParameterCount)]
    public static void Dynamics(double t, ReadOnlySpan<double> h, ReadOnlySpan<double> p, Span<double> dh)
    {
        ReadOnlySpan<double> w1 = p.Slice(0, ConvWeights);
        ReadOnlySpan<double> b1 = p.Slice(ConvWeights, C);
        ReadOnlySpan<double> w2 = p.Slice(ConvParameters, ConvWeights);
        ReadOnlySpan<double> b2 = p.Slice(ConvParameters + ConvWeights, C);

        // conv₁ over h and the time channel, then relu.
        Span<double> z = stackalloc double[Architecture.FeatureSize];
        for (int o = 0; o < C; o++)
        {
            for (int i = 0; i < S; i++)
            {
                for (int j = 0; j < S; j++)
                {
                    double s = b1[o];
                    for (int di = 0; di < 3; di++)
                    {
                        for (int dj = 0; dj < 3; dj++)
                        {
                            int r = i + di - 1;
                            int c = j + dj - 1;
                            if (r >= 0 && r < S && c >= 0 && c < S)
                            {
                                for (int m = 0; m < C; m++)
                                {
                                    s += w1[((o * (C + 1) + m) * 3 + di) * 3 + dj] * h[m * Maps + r * S + c];
                                }
                                s += w1[((o * (C + 1) + C) * 3 + di) * 3 + dj] * t;
                            }
                        }
                    }
                    z[o * Maps + i * S + j] = s > 0 ? s : 0;
                }
            }
        }

        // conv₂ over that and the time channel.
        for (int o = 0; o < C; o++)
        {
            for (int i = 0; i < S; i++)
            {
                for (int j = 0; j < S; j++)
                {
                    double s = b2[o];
                    for (int di = 0; di < 3; di++)
                    {
                        for (int dj = 0; dj < 3; dj++)
                        {
                            int r = i + di - 1;
                            int c = j + dj - 1;
                            if (r >= 0 && r < S && c >= 0 && c < S)
                            {
                                for (int m = 0; m < C; m++)
                                {
                                    s += w2[((o * (C + 1) + m) * 3 + di) * 3 + dj] * z[m * Maps + r * S + c];
                                }
                                s += w2[((o * (C + 1) + C) * 3 + di) * 3 + dj] * t;
                            }
                        }
                    }
                    dh[o * Maps + i * S + j] = s;
                }
            }
        }
    }
}
