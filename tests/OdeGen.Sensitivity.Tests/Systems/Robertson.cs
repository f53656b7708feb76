namespace OdeGen.SensitivityTests.Systems;

/// <summary>Robertson (1966) chemical kinetics, stiff; p = [k1, k2, k3] (HNW II, Sect. IV.1).</summary>
public static partial class Robertson
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double r1 = p[0] * y[0];
        double r2 = p[1] * y[1] * y[1];
        double r3 = p[2] * y[1] * y[2];
        dy[0] = -r1 + r3;
        dy[1] = r1 - r2 - r3;
        dy[2] = r2;
    }
}
