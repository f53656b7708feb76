namespace OdeGen.SensitivityTests.Systems;

/// <summary>Lotka–Volterra predator–prey; p = [a, b, c, d].</summary>
public static partial class LotkaVolterra
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double encounters = y[0] * y[1];
        dy[0] = p[0] * y[0] - p[1] * encounters;
        dy[1] = -p[2] * y[1] + p[3] * encounters;
    }
}
