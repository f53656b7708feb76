namespace OdeGen.Tests.Corpus;

/// <summary>[Differentiable] span layers: the stages around an ODE block, with loops and without.</summary>
public static partial class Layers
{
    /// <summary>A 3×3 convolution, 1 → 2 channels on a 6×6 image without padding, then tanh: 2×4×4 outputs.</summary>
    [Differentiable(InputSize = 36, OutputSize = 32, ParameterSize = 20)]
    public static void Conv(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y)
    {
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    double sum = p[18 + c];
                    for (int a = 0; a < 3; a++)
                    {
                        for (int b = 0; b < 3; b++)
                            sum += p[c * 9 + a * 3 + b] * x[(i + a) * 6 + j + b];
                    }
                    y[c * 16 + i * 4 + j] = Math.Tanh(sum);
                }
            }
        }
    }

    /// <summary>A 3×3 convolution with stride 2 and zero padding, 2 → 1 channel, 4×4 → 2×2: the downsampling stage.</summary>
    [Differentiable(InputSize = 32, OutputSize = 4, ParameterSize = 19)]
    public static void Downsample(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y)
    {
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                double sum = p[18];
                for (int c = 0; c < 2; c++)
                {
                    for (int a = 0; a < 3; a++)
                    {
                        for (int b = 0; b < 3; b++)
                        {
                            int row = 2 * i + a - 1, column = 2 * j + b - 1;
                            if (row >= 0 && column >= 0)
                                sum += p[c * 9 + a * 3 + b] * x[c * 16 + row * 4 + column];
                        }
                    }
                }
                y[i * 2 + j] = Math.Max(sum, 0.1 * sum);
            }
        }
    }

    /// <summary>A linear head: 32 features to 3 logits, weights row after row, then the biases.</summary>
    [Differentiable(InputSize = 32, OutputSize = 3, ParameterSize = 99)]
    public static void Head(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y)
    {
        for (int k = 0; k < 3; k++)
        {
            double logit = p[96 + k];
            for (int i = 0; i < 32; i++) logit += p[k * 32 + i] * x[i];
            y[k] = logit;
        }
    }

    /// <summary>A layer without parameters or loops: three inputs, two outputs.</summary>
    [Differentiable(InputSize = 3, OutputSize = 2)]
    public static void Mix(ReadOnlySpan<double> x, Span<double> y)
    {
        y[0] = x[0] * x[1] + Math.Sin(x[2]);
        y[1] = Math.Exp(x[1] - x[2]);
    }

    /// <summary>A gate that branches on its input: no lane kernels, so a batch of it runs input by input.</summary>
    [Differentiable(InputSize = 2, OutputSize = 1, ParameterSize = 1)]
    public static void Gate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y)
    {
        if (x[0] > 0)
        {
            y[0] = p[0] * x[0] * x[1];
        }
        else
        {
            y[0] = x[1];
        }
    }
}
