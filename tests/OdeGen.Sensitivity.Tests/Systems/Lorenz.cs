namespace OdeGen.SensitivityTests.Systems;

/// <summary>Lorenz (1963); p = [sigma, rho, beta].</summary>
public static partial class Lorenz
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = p[0] * (y[1] - y[0]);
        dy[1] = y[0] * (p[1] - y[2]) - y[1];
        dy[2] = y[0] * y[1] - p[2] * y[2];
    }
}
