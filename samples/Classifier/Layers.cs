using System;

namespace OdeGen.Samples.Classifier;

/// <summary>
/// The layers around the block, as span layers <c>y = F(x, p)</c>: the downsampling stage every model starts with and
/// the linear head every model ends with. The generator emits <see cref="DownsampleFunction"/> and
/// <see cref="HeadFunction"/> for them, with their forward and reverse derivatives; training calls those through
/// <see cref="IDifferentiableFunction"/>.
/// </summary>
public static partial class Layers
{
    private const int C = Architecture.Channels, N = Architecture.ImageSide, H = Architecture.HalfSide, S = Architecture.Side;

    /// <summary>Weights of the first convolution: C outputs, 1 input, 3 x 3.</summary>
    public const int Conv1Weights = C * 9;

    /// <summary>Weights of the second convolution: C outputs, C inputs, 3 x 3.</summary>
    public const int Conv2Weights = C * C * 9;

    /// <summary>Where the stage's parameters start: conv₁ weights, conv₁ biases, conv₂ weights, conv₂ biases.</summary>
    public const int B1 = Conv1Weights, W2 = B1 + C, B2 = W2 + Conv2Weights;

    /// <summary>Parameters of the downsampling stage.</summary>
    public const int DownsampleParameters = B2 + C;

    /// <summary>Weights of the head, <c>[class][feature]</c>, followed by one bias per class.</summary>
    public const int HeadWeights = Architecture.Classes * Architecture.FeatureSize;

    /// <summary>Parameters of the head.</summary>
    public const int HeadParameters = HeadWeights + Architecture.Classes;

    /// <summary>
    /// The downsampling stage: <c>relu(conv₂(relu(conv₁(x))))</c>, two 3 x 3 convolutions of stride 2 and zero padding 1
    /// (28 → 14 → 7), from one grey channel to <see cref="Architecture.Channels"/> maps. Chen et al. use three
    /// convolutions with group normalization; two without normalization keep the stage cheap.
    /// </summary>
    [Differentiable(InputSize = Architecture.ImageSize, OutputSize = Architecture.FeatureSize, ParameterSize = DownsampleParameters)]
    public static void Downsample(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y)
    {
        Span<double> u = stackalloc double[C * H * H];
        for (int o = 0; o < C; o++)
        {
            for (int i = 0; i < H; i++)
            {
                for (int j = 0; j < H; j++)
                {
                    double s = p[B1 + o];
                    for (int di = 0; di < 3; di++)
                    {
                        for (int dj = 0; dj < 3; dj++)
                        {
                            int r = 2 * i + di - 1;
                            int c = 2 * j + dj - 1;
                            if (r >= 0 && r < N && c >= 0 && c < N)
                            {
                                s += p[(o * 3 + di) * 3 + dj] * x[r * N + c];
                            }
                        }
                    }
                    u[(o * H + i) * H + j] = s > 0 ? s : 0;
                }
            }
        }
        for (int o = 0; o < C; o++)
        {
            for (int i = 0; i < S; i++)
            {
                for (int j = 0; j < S; j++)
                {
                    double s = p[B2 + o];
                    for (int m = 0; m < C; m++)
                    {
                        for (int di = 0; di < 3; di++)
                        {
                            for (int dj = 0; dj < 3; dj++)
                            {
                                int r = 2 * i + di - 1;
                                int c = 2 * j + dj - 1;
                                if (r >= 0 && r < H && c >= 0 && c < H)
                                {
                                    s += p[W2 + ((o * C + m) * 3 + di) * 3 + dj] * u[(m * H + r) * H + c];
                                }
                            }
                        }
                    }
                    y[(o * S + i) * S + j] = s > 0 ? s : 0;
                }
            }
        }
    }

    /// <summary>The head: logits <c>z = W h + b</c> from the flattened feature maps (Chen et al. pool first; at this
    /// width the flattened maps classify better for few more parameters).</summary>
    [Differentiable(InputSize = Architecture.FeatureSize, OutputSize = Architecture.Classes, ParameterSize = HeadParameters)]
    public static void Head(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y)
    {
        for (int k = 0; k < Architecture.Classes; k++)
        {
            double s = p[HeadWeights + k];
            for (int j = 0; j < Architecture.FeatureSize; j++)
            {
                s += p[k * Architecture.FeatureSize + j] * x[j];
            }
            y[k] = s;
        }
    }
}
