namespace OdeGen.Tests.Corpus;

/// <summary>
/// A small ODE block of a convolutional network, as in the classifier sample: two channels of six cells, a 3-tap
/// convolution with zero padding (an if on the indices), a relu written as a conditional expression, then a second
/// convolution; the relu and the padding both run on lanes.
/// </summary>
public static partial class ConvRelu
{
    private const int Channels = 2, Cells = 6;

    [OdeDynamics(StateSize = Channels * Cells, ParameterSize = 2 * Channels * Channels * 3)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        Span<double> z = stackalloc double[Channels * Cells];
        for (int o = 0; o < Channels; o++)
        {
            for (int i = 0; i < Cells; i++)
            {
                double s = t;
                for (int d = 0; d < 3; d++)
                {
                    int c = i + d - 1;
                    if (c >= 0 && c < Cells)
                    {
                        for (int m = 0; m < Channels; m++)
                        {
                            s += p[(o * Channels + m) * 3 + d] * y[m * Cells + c];
                        }
                    }
                }
                z[o * Cells + i] = s > 0 ? s : 0.1 * s;
            }
        }
        for (int o = 0; o < Channels; o++)
        {
            for (int i = 0; i < Cells; i++)
            {
                double s = 0;
                for (int d = 0; d < 3; d++)
                {
                    int c = i + d - 1;
                    if (c >= 0 && c < Cells)
                    {
                        for (int m = 0; m < Channels; m++)
                        {
                            s += p[Channels * Channels * 3 + (o * Channels + m) * 3 + d] * z[m * Cells + c];
                        }
                    }
                }
                dy[o * Cells + i] = s;
            }
        }
    }
}
