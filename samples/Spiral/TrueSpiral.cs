using System;

namespace OdeGen.Samples.Spiral;

/// <summary>
/// The data-generating dynamics, <c>dy/dt = (y³) A</c> with <c>A = [[-0.1, 2.0], [-2.0, -0.1]]</c> and <c>y</c> a row
/// vector: a cubic oscillator that spirals slowly inwards from <c>y0 = [2, 0]</c>.
/// </summary>
public static partial class TrueSpiral
{
    private const double A00 = -0.1, A01 = 2.0, A10 = -2.0, A11 = -0.1;

    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        double u = y[0] * y[0] * y[0];
        double v = y[1] * y[1] * y[1];
        dy[0] = u * A00 + v * A10;
        dy[1] = u * A01 + v * A11;
    }
}
