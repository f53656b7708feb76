namespace OdeGen.Training.Tests.Systems;

/// <summary>
/// Damped, driven pendulum: theta'' = -(g/L) sin(theta) - c theta' + A cos(omega t) (copied from the OdeGen.Tests
/// corpus): depends on t, so the batched t-cotangent is a real sum.
/// </summary>
public static partial class Pendulum
{
    [OdeDynamics(StateSize = 2, ParameterSize = 4)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = y[1];
        dy[1] = -p[0] * Math.Sin(y[0]) - p[1] * y[1] + p[2] * Math.Cos(p[3] * t);
    }
}
