namespace OdeGen.SensitivityTests.Systems;

/// <summary>Van der Pol's oscillator, unscaled, y1' = y2, y2' = mu (1 - y1²) y2 - y1; p = [mu] (HNW II, Sect. IV.1).</summary>
public static partial class VanDerPol
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = y[1];
        dy[1] = p[0] * (1 - y[0] * y[0]) * y[1] - y[0];
    }
}
