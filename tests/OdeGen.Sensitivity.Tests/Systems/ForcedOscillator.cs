namespace OdeGen.SensitivityTests.Systems;

/// <summary>
/// A damped oscillator with a time-dependent force, so that <c>∂f/∂t ≠ 0</c> and the time adjoint <c>a_t</c> has
/// something to integrate; p = [stiffness, damping, forcing frequency].
/// </summary>
public static partial class ForcedOscillator
{
    [OdeDynamics]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = y[1];
        dy[1] = -p[0] * y[0] - p[1] * y[1] + Math.Sin(p[2] * t);
    }
}
