namespace OdeGen.Tests.Corpus;

/// <summary>Two-variable Brusselator (HNW I, Sect. I.16): A and B in p; the shared term read back from dy.</summary>
public static partial class Brusselator
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double x2y = y[0] * y[0] * y[1];
        dy[1] = p[1] * y[0] - x2y;
        dy[0] = p[0] - y[0] - dy[1];
    }
}
