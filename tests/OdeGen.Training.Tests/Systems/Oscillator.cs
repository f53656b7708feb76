namespace OdeGen.Training.Tests.Systems;

/// <summary>A system without parameters: the harmonic oscillator with a time-dependent force (copied from the OdeGen.Tests corpus).</summary>
public static partial class Oscillator
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        const double omega = 2.0;
        dy[0] = y[1];
        dy[1] = -omega * omega * y[0] + Math.Sin(t);
    }
}
