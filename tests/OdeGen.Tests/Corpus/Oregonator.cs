namespace OdeGen.Tests.Corpus;

/// <summary>Oregonator (Field–Noyes), in the form of HNW II, Sect. IV.1; s, w, q in p.</summary>
public static partial class Oregonator
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double s = p[0];
        dy[0] = s * (y[1] - y[0] * y[1] + y[0] - p[2] * y[0] * y[0]);
        dy[1] = (-y[1] - y[0] * y[1] + y[2]) / s;
        dy[2] = p[1] * (y[0] - y[2]);
    }
}
